// Starts `n8n start` of a target with the package installed, on a free 127.0.0.1 port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, freePort, log, trackChild } from './lib.mjs';
import { n8nEnv } from './n8n.mjs';

export async function startN8n(runtime, userFolder, logFile) {
	const port = await freePort();
	const env = n8nEnv(runtime, userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		// 2.x starts a task broker on 5679 by default: another n8n on the machine would make it exit.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	const out = fs.openSync(logFile, 'w');
	const child = spawn(runtime.node.bin, [runtime.n8nBin, 'start'], {
		cwd: ROOT,
		env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
		stdio: ['ignore', out, out],
		detached: true,
	});
	trackChild(child, { group: true });
	const url = `http://127.0.0.1:${port}`;
	const started = Date.now();
	let exited;
	child.once('exit', (code) => (exited = code));
	for (;;) {
		if (exited !== undefined) throw new Error(`n8n start exited with ${exited}; see ${path.relative(ROOT, logFile)}`);
		if (Date.now() - started > 180_000) throw new Error(`n8n did not answer on ${url} within 180 s; see ${logFile}`);
		try {
			// Ready, and serving the editor (n8n 1.x answers /healthz before its UI routes exist).
			const ready = await fetch(`${url}/healthz/readiness`);
			const editor = ready.ok ? await fetch(`${url}/signin`) : undefined;
			if (editor?.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const seconds = (Date.now() - started) / 1000;
	log(`n8n ${runtime.target.n8n} up at ${url} in ${seconds.toFixed(1)} s`);
	return {
		url,
		seconds,
		stop: async () => {
			if (exited !== undefined) return;
			const done = new Promise((resolve) => child.once('exit', resolve));
			process.kill(-child.pid, 'SIGTERM');
			const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 15_000);
			await done;
			clearTimeout(timer);
		},
	};
}
