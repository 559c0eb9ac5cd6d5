// Runs n8n CLI commands of a target runtime against one user folder.
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, capture, freePort } from './lib.mjs';

// Fixed so a reused user folder can still decrypt its credentials; it protects only test data.
const ENCRYPTION_KEY = 'e2e-only-not-a-secret-voice-campaigns';

export function n8nEnv(runtime, userFolder, extra = {}) {
	return {
		...runtime.env,
		...runtime.target.env,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		// n8n 2.x only lets nodes read files under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files):
		// the examples read their data from examples/data/, relative to the working directory (the
		// project root), so that folder is the one allowed.
		N8N_RESTRICT_FILE_ACCESS_TO: path.join(ROOT, 'examples', 'data'),
		// Offline and quiet: no telemetry, version checks, templates or banners.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// info: the CLI prints the run (`n8n execute --rawOutput`) through its logger at level info.
		N8N_LOG_LEVEL: process.env.E2E_N8N_LOG_LEVEL ?? 'info',
		N8N_RUNNERS_ENABLED: runtime.target.n8n.startsWith('1.') ? 'false' : undefined,
		...extra,
	};
}

function clean(env) {
	return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

/**
 * `n8n <args>` with the target's Node; never throws, returns {code, stdout, stderr, seconds}.
 * The first command on a fresh user folder runs every database migration: on a busy 2-core
 * machine that alone took over 120 s, hence 300 s.
 */
export async function n8n(runtime, userFolder, args, { timeoutMs = 300_000, env = {} } = {}) {
	const start = Date.now();
	const result = await capture(runtime.node.bin, [runtime.n8nBin, ...args], {
		cwd: ROOT,
		// Its own task broker port (2.x, default 5679), so n8n processes running side by side do not clash.
		env: clean(n8nEnv(runtime, userFolder, { N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env })),
		timeoutMs,
	});
	return { ...result, seconds: (Date.now() - start) / 1000 };
}

export async function n8nOrThrow(runtime, userFolder, args, options) {
	const result = await n8n(runtime, userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${result.code}:\n${tail(result.stdout)}\n${tail(result.stderr)}`);
	}
	return result;
}

export function tail(text, lines = 30) {
	return String(text).trim().split('\n').slice(-lines).join('\n');
}

/**
 * The IRun JSON that `n8n execute --rawOutput` prints: stdout may carry log lines before it, so
 * the JSON is taken from the first line that is exactly "{" (JSON.stringify(…, null, 2)).
 */
export function parseRawOutput(stdout) {
	const lines = stdout.split('\n').map((line) => line.trimEnd());
	const last = lines.lastIndexOf('}');
	for (let start = lines.indexOf('{'); start !== -1 && start < last; start = lines.indexOf('{', start + 1)) {
		try {
			return JSON.parse(lines.slice(start, last + 1).join('\n'));
		} catch {
			// a log line that looked like JSON: keep looking
		}
	}
	return undefined;
}

export function writeTemp(dir, name, value) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
	return file;
}
