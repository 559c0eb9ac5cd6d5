// Builds and packs the package, and installs the tarball into an n8n user folder the way n8n's
// community-package service does it (n8n 2.x CommunityPackagesService.downloadPackage): unpacked
// into <user>/.n8n/nodes/node_modules/<name>, dev/peer/optional dependencies stripped from its
// package.json, `npm install` run inside it (nothing to fetch: the package has no dependencies),
// and the version recorded in <user>/.n8n/nodes/package.json.
import fs from 'node:fs';
import path from 'node:path';

import { CACHE, ROOT, log, readJson, run, writeJson } from './lib.mjs';

export function buildAndPack() {
	run('npx', ['gulp', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	const dest = path.join(CACHE, 'pack');
	fs.rmSync(dest, { recursive: true, force: true });
	fs.mkdirSync(dest, { recursive: true });
	const result = run('npm', ['pack', '--json', '--pack-destination', dest], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
	const [{ filename, name, version }] = JSON.parse(result.stdout);
	const tarball = path.join(dest, path.basename(filename));
	log(`packed ${name}@${version}: ${path.relative(ROOT, tarball)}`);
	return { tarball, name, version };
}

export function installCommunityPackage(userFolder, pack) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', pack.name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	run('tar', ['-xzf', pack.tarball, '-C', packageDir, '--strip-components=1']);
	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = readJson(packageJsonPath);
	writeJson(packageJsonPath, packageJson);
	run('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'], {
		cwd: packageDir,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const nodesPackageJson = path.join(nodesDir, 'package.json');
	const installed = fs.existsSync(nodesPackageJson) ? readJson(nodesPackageJson) : { name: 'installed-nodes', private: true, dependencies: {} };
	installed.dependencies = { ...installed.dependencies, [pack.name]: pack.version };
	writeJson(nodesPackageJson, installed);
	return packageDir;
}
