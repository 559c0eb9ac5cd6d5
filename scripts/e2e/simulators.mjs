// Bundles every simulator registered in scripts/e2e/simulators/ (each file there but types.ts and
// server.ts) into one script with esbuild, as gulpfile.js's `scripts` task does for dev scripts,
// and runs it as a standalone process on 127.0.0.1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

import esbuild from 'esbuild';

import { CACHE, ROOT, log, trackChild } from './lib.mjs';

const DIR = path.join(ROOT, 'scripts', 'e2e', 'simulators');

export function registeredSimulators() {
	return fs
		.readdirSync(DIR)
		.filter((file) => file.endsWith('.ts') && !['types.ts', 'server.ts'].includes(file))
		.sort();
}

export async function bundleSimulators() {
	const files = registeredSimulators();
	const contents = [
		"import { serve } from './server';",
		...files.map((file, index) => `import s${index} from './${file.replace(/\.ts$/, '')}';`),
		`void serve([${files.map((_, index) => `s${index}`).join(', ')}]).catch((error) => { console.error(error); process.exit(1); });`,
	].join('\n');
	const outfile = path.join(CACHE, 'simulators.js');
	await esbuild.build({
		stdin: { contents, resolveDir: DIR, sourcefile: 'e2e-simulators.ts', loader: 'ts' },
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
	});
	return outfile;
}

/** Starts the simulators process; resolves with its control API once it printed its addresses. */
export async function startSimulators() {
	const script = await bundleSimulators();
	const child = trackChild(spawn(process.execPath, [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }));
	const lines = readline.createInterface({ input: child.stdout });
	const info = await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the simulators process exited with ${code}`)));
		lines.once('line', (line) => resolve(JSON.parse(line)));
	});
	log(`simulators: ${Object.entries(info.simulators).map(([name, sim]) => `${name} ${sim.baseUrl}`).join(', ')}`);
	const call = async (method, route, body) => {
		const response = await fetch(`${info.control}${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = await response.json();
		if (!response.ok) throw new Error(`simulators ${route}: ${json.error}`);
		return json;
	};
	return {
		simulators: info.simulators,
		reset: (seed) => call('POST', '/reset', { seed: seed ?? {} }),
		report: () => call('GET', '/report'),
		deliver: (simulator, event, context) => call('POST', '/deliver', { simulator, event, context }),
		stop: async () => {
			await call('POST', '/stop').catch(() => undefined);
			child.kill();
		},
	};
}
