// PostgreSQL and Redis for the queue-mode run: Debian's `postgresql` and `redis-server`, installed
// with apt-get when missing (as root, which CI is), each started as a child process of this run
// on a free 127.0.0.1 port with its data in a temporary folder, and stopped by its pid.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, log, run, trackChild } from '../lib.mjs';

/** The newest PostgreSQL server binaries Debian's packages installed, if any. */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? path.join(root, versions[0], 'bin') : undefined;
}

const hasCommand = (name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** apt-get install of what is missing; needs root. */
export function ensureInstalled() {
	const missing = [];
	if (!postgresBin()) missing.push('postgresql');
	if (!hasCommand('redis-server')) missing.push('redis-server');
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`${missing.join(' and ')} missing: install them (apt-get install -y ${missing.join(' ')}) or run as root`);
	}
	log(`installing ${missing.join(', ')} with apt-get`);
	run('apt-get', ['update', '-qq']);
	// The packages' own services are not started: this run starts its own servers.
	run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' },
	});
}

async function waitForPort(port, what, child, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before listening`);
		const open = await new Promise((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => (socket.end(), resolve(true)));
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Stops a child by its pid (SIGTERM, SIGKILL after 10 s) and waits for it to exit. */
export async function stopChild(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	process.kill(child.pid, 'SIGTERM');
	const timer = setTimeout(() => {
		try {
			process.kill(child.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}, 10_000);
	await exited;
	clearTimeout(timer);
}

/**
 * PostgreSQL as the `postgres` user (the server refuses to run as root): initdb into a fresh
 * folder, trust authentication on 127.0.0.1 only, one database `n8n`.
 */
export async function startPostgres(logFile) {
	const bin = postgresBin();
	const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-queue-pg-'));
	fs.chownSync(dir, uid, gid);
	// Also when the run is interrupted (lib.mjs then kills the server by its pid).
	process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	const dataDir = path.join(dir, 'data');
	const asPostgres = { uid, gid, cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } };
	const init = spawnSync(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'], {
		...asPostgres,
		encoding: 'utf8',
	});
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
	const port = await freePort();
	const out = fs.openSync(logFile, 'w');
	const child = trackChild(
		spawn(
			path.join(bin, 'postgres'),
			['-D', dataDir, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=off'],
			{ ...asPostgres, stdio: ['ignore', out, out] },
		),
	);
	await waitForPort(port, 'postgres', child);
	const psql = (sql, database = 'postgres') => {
		const result = spawnSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', database, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql], {
			encoding: 'utf8',
			maxBuffer: 512 * 1024 * 1024,
		});
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
		return result.stdout;
	};
	// The server accepts connections a moment after it listens.
	for (let attempt = 0; ; attempt++) {
		try {
			psql('SELECT 1');
			break;
		} catch (error) {
			if (attempt > 50) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
	psql('CREATE DATABASE n8n');
	const version = psql('SHOW server_version').trim();
	log(`postgres ${version} (pid ${child.pid}) on 127.0.0.1:${port}`);
	return {
		port,
		version,
		pid: child.pid,
		/** Rows of a query on n8n's database, each as an object (row_to_json). */
		rows: (sql) =>
			psql(`SELECT row_to_json(t) FROM (${sql}) t`, 'n8n')
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => JSON.parse(line)),
		stop: async () => {
			await stopChild(child);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** Redis with no persistence, on a free port. */
export async function startRedis(logFile) {
	const port = await freePort();
	const out = fs.openSync(logFile, 'w');
	const child = trackChild(
		spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
			stdio: ['ignore', out, out],
		}),
	);
	await waitForPort(port, 'redis-server', child);
	log(`redis (pid ${child.pid}) on 127.0.0.1:${port}`);
	return { port, pid: child.pid, stop: () => stopChild(child) };
}
