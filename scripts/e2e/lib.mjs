// Shared helpers of the e2e scripts: paths, the cache, running commands, timing.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = process.env.E2E_CACHE ? path.resolve(process.env.E2E_CACHE) : path.join(ROOT, '.cache', 'e2e');

export const log = (...args) => console.log(`[e2e ${new Date().toISOString().slice(11, 19)}]`, ...args);

export function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function writeJson(file, value) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Runs a command, inheriting output; throws with the command line on a non-zero exit. */
export function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
	return result;
}

/** Runs a command and captures its output (never throws on exit code). */
export function capture(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

export async function timed(label, fn) {
	const start = Date.now();
	const value = await fn();
	const seconds = ((Date.now() - start) / 1000).toFixed(1);
	log(`${label}: ${seconds} s`);
	return { value, seconds: Number(seconds) };
}

export function duSize(dir) {
	const result = spawnSync('du', ['-sh', dir], { encoding: 'utf8' });
	return result.status === 0 ? result.stdout.split('\t')[0] : '?';
}

/** The package's nodes and credentials, from package.json's "n8n" section. */
export function packageManifest() {
	const pkg = readJson(path.join(ROOT, 'package.json'));
	return { name: pkg.name, version: pkg.version, nodes: pkg.n8n?.nodes ?? [], credentials: pkg.n8n?.credentials ?? [] };
}

// Child processes (n8n servers, the simulators) are stopped when the run ends in any way.
const children = new Set();
let hooked = false;
export function trackChild(child, { group = false } = {}) {
	const entry = { child, group };
	children.add(entry);
	child.once('exit', () => children.delete(entry));
	if (!hooked) {
		hooked = true;
		process.once('exit', killChildren);
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.once(signal, () => {
				killChildren();
				process.exit(130);
			});
		}
	}
	return child;
}

function killChildren() {
	for (const { child, group } of children) {
		try {
			if (group) process.kill(-child.pid, 'SIGKILL');
			else child.kill('SIGKILL');
		} catch {
			// already gone
		}
	}
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}
