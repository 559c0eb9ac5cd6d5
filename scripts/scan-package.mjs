// Runs n8n's community-package scanner (@n8n/scan-community-package) on this package the way n8n
// scans a published one: its source (nodes/, credentials/, package.json) and the output of
// `npm pack`. Its CLI only takes published names, so this calls analyzePackage on local folders.
// The scanner lets a devDependency import through (it assumes it is bundled), so this also checks
// that the packed dist/ requires nothing but n8n-workflow and that there are no runtime dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(root, '.cache', 'scan');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

const packOutput = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' });
const [{ filename, files }] = JSON.parse(packOutput);
const unpacked = path.join(work, 'package');
fs.mkdirSync(unpacked);
execFileSync('tar', ['-xzf', path.join(work, path.basename(filename)), '-C', unpacked, '--strip-components=1']);

const problems = [];
const report = (label, result) => {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner: ${label}${result.message ? ` (${result.message})` : ''}`);
	if (!result.passed) problems.push(`${label}: ${result.message}\n${result.details ?? ''}`);
};
report('source', await analyzePackage(root, SOURCE_FILE_PATTERNS));
report('packed package', await analyzePackage(unpacked, ['**/*.js', 'package.json']));

const packed = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
if (packed.dependencies && Object.keys(packed.dependencies).length > 0) {
	problems.push(`runtime dependencies: ${Object.keys(packed.dependencies).join(', ')}`);
}
if (JSON.stringify(packed.peerDependencies) !== JSON.stringify({ 'n8n-workflow': '*' })) {
	problems.push(`peer dependencies must be exactly n8n-workflow "*": ${JSON.stringify(packed.peerDependencies)}`);
}
const outside = files.map((file) => file.path).filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE', 'LICENSE.md'].includes(file));
if (outside.length > 0) problems.push(`packed files outside dist/: ${outside.join(', ')}`);

const listed = [...packed.n8n.nodes, ...packed.n8n.credentials];
for (const entry of listed) {
	if (!fs.existsSync(path.join(unpacked, entry))) problems.push(`n8n entry missing from the package: ${entry}`);
}
// n8n-workflow is the peer dependency; `crypto` is the one Node built-in n8n's own community-node
// rules allow (no-restricted-imports), needed for webhook signature verification (HMAC, timingSafeEqual).
const ALLOWED_REQUIRES = new Set(['n8n-workflow', 'crypto', 'node:crypto']);
const requires = new Map();
for (const file of files.map((f) => f.path).filter((f) => f.endsWith('.js'))) {
	const text = fs.readFileSync(path.join(unpacked, file), 'utf8');
	// dist/ is CommonJS (esbuild format "cjs"), so require() and import() are the only ways out.
	for (const match of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
		const module = match[1] ?? match[2];
		if (!ALLOWED_REQUIRES.has(module) && !module.startsWith('.')) requires.set(module, file);
	}
}
for (const [module, file] of requires) problems.push(`${file} requires "${module}": it must be bundled`);
console.log(`${requires.size === 0 ? 'PASS' : 'FAIL'} bundle: dist/ requires only n8n-workflow and crypto (${files.length} files packed, ${listed.length} n8n entries)`);

if (problems.length > 0) {
	console.error(`\n${problems.join('\n')}`);
	process.exit(1);
}
console.log('Scan passed');
