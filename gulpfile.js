// Builds dist/: every node and credential is bundled by esbuild into one CommonJS file, so that
// libphonenumber-js and csv-parse travel inside dist/ and the published package has no runtime
// dependencies. n8n-workflow stays external: n8n provides it (the only peer dependency).
const { series, parallel, src, dest } = require('gulp');
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const DIST = path.join(ROOT, 'dist');

function listFiles(dir, suffix) {
	const found = [];
	const walk = (current) => {
		for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.name.endsWith(suffix)) found.push(path.relative(ROOT, full));
		}
	};
	if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
	return found.sort();
}

async function clean() {
	await fs.promises.rm(DIST, { recursive: true, force: true });
}

async function bundle() {
	const entryPoints = [
		...listFiles('nodes', '.node.ts'),
		...listFiles('credentials', '.credentials.ts'),
	];
	await esbuild.build({
		entryPoints,
		outdir: DIST,
		outbase: ROOT,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		// Pick each library's CommonJS build (csv-parse's `sync` entry has no Node built-ins).
		mainFields: ['main', 'module'],
		conditions: ['require'],
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

function copyAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: ROOT,
		encoding: false,
	}).pipe(dest(DIST));
}

// Dev-only entry points (demo, benchmark) bundle the TypeScript test support they use; they are
// written to .cache/ (git-ignored) and never published.
async function scripts() {
	await esbuild.build({
		// The entry points; scripts/bench/*.ts are modules bench.ts bundles in.
		entryPoints: ['scripts/bench.ts', 'scripts/demo.ts'],
		outdir: path.join(ROOT, '.cache', 'scripts'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning',
	});
}

exports.clean = clean;
exports.build = series(clean, parallel(bundle, copyAssets));
exports.scripts = scripts;
exports.default = exports.build;
