// n8n in queue mode: one main (`n8n start`, which receives the webhooks and enqueues executions in
// Redis) and N `n8n worker` processes, each with its own user folder (as on separate machines, the
// package installed in each) and all sharing one PostgreSQL database and one encryption key.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, freePort, log, trackChild } from '../lib.mjs';
import { n8nEnv } from '../n8n.mjs';
import { stopChild } from './services.mjs';

export const WORKER_CONCURRENCY = 10;

/** Bull's job lock (n8n's defaults: 60 s, renewed every 10 s, stalled check every 30 s). */
export const LOCK = { durationMs: 90_000, renewMs: 5_000, stalledIntervalMs: 10_000 };

/**
 * What every process of the cluster needs, measured on n8n 2.41.1: the same database and Redis,
 * the same N8N_ENCRYPTION_KEY (n8nEnv sets one), a PostgreSQL pool at least the worker
 * concurrency (n8n's default of 2 made 5 of 20 concurrent executions fail with pg-pool's
 * "timeout exceeded when trying to connect"), and binary data in the database (with
 * `filesystem` and separate user folders the worker fails with "File not found").
 */
export function queueEnv(postgres, redis) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		// Each execution may hold two connections at once (its own queries and the de-duplication
		// store's); 12 for 10 executions timed out ("Connection terminated due to connection timeout").
		DB_POSTGRESDB_POOL_SIZE: String(WORKER_CONCURRENCY * 2),
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		// Bull (n8n sets maxStalledCount 0) fails a job whose lock was not renewed between two
		// stalled checks: a worker that is alive but whose event loop is held longer than the lock
		// loses its executions for good. A longer lock, renewed often, spares a busy worker; the
		// check every 10 s still finds a killed worker's executions within lock + 2 checks.
		QUEUE_WORKER_LOCK_DURATION: String(LOCK.durationMs),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCK.renewMs),
		QUEUE_WORKER_STALLED_INTERVAL: String(LOCK.stalledIntervalMs),
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Keep every execution's data, so the run can read what each one did.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_PRUNE: 'false',
	};
}

// Generous: on a busy 2-core machine a 2.41.1 process took up to 3 minutes to be ready.
async function waitReady(url, child, what, logFile, timeoutMs = 240_000) {
	const started = Date.now();
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}); see ${path.relative(ROOT, logFile)}`);
		}
		if (Date.now() - started > timeoutMs) throw new Error(`${what} not ready at ${url} within ${timeoutMs / 1000} s; see ${logFile}`);
		try {
			if ((await fetch(url)).ok) return (Date.now() - started) / 1000;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Starts one n8n process (`start` or `worker`); its stop (by pid) goes on `stoppers` at once. */
async function startProcess(runtime, { name, userFolder, args, env, readyUrl, logFile }, stoppers) {
	const out = fs.openSync(logFile, 'w');
	const fullEnv = n8nEnv(runtime, userFolder, {
		// Each process its own task-broker port: the default 5679 clashes between processes.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_LOG_LEVEL: 'info',
		...env,
	});
	const child = trackChild(
		spawn(runtime.node.bin, [runtime.n8nBin, ...args], {
			cwd: ROOT,
			env: Object.fromEntries(Object.entries(fullEnv).filter(([, value]) => value !== undefined)),
			stdio: ['ignore', out, out],
		}),
	);
	stoppers.push(() => stopChild(child));
	const seconds = await waitReady(readyUrl, child, name, logFile);
	log(`${name} (pid ${child.pid}) ready in ${seconds.toFixed(1)} s`);
	return {
		name,
		pid: child.pid,
		logFile,
		child,
		alive: () => child.exitCode === null && child.signalCode === null,
		kill: () => process.kill(child.pid, 'SIGKILL'),
	};
}

export async function startMain(runtime, { userFolder, env, logFile }, stoppers) {
	const port = await freePort();
	const main = await startProcess(runtime, {
		name: 'main',
		userFolder,
		args: ['start'],
		env: {
			...env,
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
		},
		readyUrl: `http://127.0.0.1:${port}/healthz/readiness`,
		logFile,
	}, stoppers);
	return { ...main, url: `http://127.0.0.1:${port}` };
}

export async function startWorker(runtime, { name, userFolder, env, logFile }, stoppers) {
	const port = await freePort();
	return await startProcess(runtime, {
		name,
		userFolder,
		args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
		env: { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
		readyUrl: `http://127.0.0.1:${port}/healthz/readiness`,
		logFile,
	}, stoppers);
}
