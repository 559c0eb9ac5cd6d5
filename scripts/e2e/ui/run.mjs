// `npm run e2e:ui`: the package in the n8n editor, in headless Chromium.
// Starts n8n (default target: the first of targets.mjs) with the package installed as a community
// package, sets up the owner account in the browser, and for every node of package.json's "n8n"
// section: searches it by display name in the nodes panel, adds it once per resource/operation
// (the actions listed from the built description in dist/), checks the parameter panel, and
// screenshots it into docs/screenshots/<node>-<resource>-<operation>.png.
// Before that, the searches in searches.json (what a user types: "voice", "DNC", …) must each list
// the package's entries they name.
// Fails on: a search that misses an entry, a node not found, an icon that does not load, a
// parameter panel showing an error, a console error or failed request that names the package,
// its nodes or credentials.
// Usage: node scripts/e2e/ui/run.mjs [--target <id-part>] [--screenshots <dir>] [--node <display-name-part>]...
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { packageCredentialTypes, packageNodes } from '../describe.mjs';
import { CACHE, ROOT, log, run, writeJson } from '../lib.mjs';
import { n8nOrThrow, writeTemp } from '../n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../package.mjs';
import { ensureRuntime } from '../runtime.mjs';
import { startSimulators } from '../simulators.mjs';
import { selectTargets, targets } from '../targets.mjs';
import { startN8n } from '../server.mjs';
import { checkAgentCanvas, importAgentExample } from './agent.mjs';
import { checkCredentialTests } from './credentials.mjs';
import { checkLocators } from './locator.mjs';
import { checkResultTable, importResultWorkflow } from './results.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));
const { chromium, selectors } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OWNER = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: 'E2eOwner-Passw0rd' };
// Texts that mean a parameter panel is broken (n8n's own wording for load/render failures).
const PANEL_ERRORS = /problem (loading|occurred)|error (loading|fetching)|could not (load|find|resolve)|install this node|not (currently )?installed|unrecognized node|node type .* (is )?unknown|unknown node type|failed to load/i;

function parseArgs(argv) {
	const args = { targets: [], screenshots: undefined, nodes: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--target') args.targets.push(argv[++i]);
		else if (argv[i] === '--screenshots') args.screenshots = path.resolve(argv[++i]);
		else if (argv[i] === '--node') args.nodes.push(argv[++i].toLowerCase());
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return args;
}

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	log(`${CHROMIUM} is missing: installing Debian's chromium package`);
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

// Names use the node's `name` and the option values as the description spells them.
const slug = (value) => String(value).replace(/[^A-Za-z0-9_]+/g, '-');

function screenshotName(node, pair) {
	return [node.name, pair.resource?.value, pair.operation?.value].filter(Boolean).map(slug).join('-') + '.png';
}

/** Words that attribute a browser message to the package. */
function packageWords(nodes, credentials, packageName) {
	return [packageName, ...nodes.flatMap((n) => [n.type, n.name]), ...credentials.map((c) => c.name)].map((w) => w.toLowerCase());
}

async function setupOwner(page, url) {
	await page.goto(`${url}/setup`);
	await page.locator('input[name=email]').waitFor({ timeout: 30_000 });
	await page.locator('input[name=email]').fill(OWNER.email);
	await page.locator('input[name=firstName]').fill(OWNER.firstName);
	await page.locator('input[name=lastName]').fill(OWNER.lastName);
	await page.locator('input[name=password]').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/setup'), { timeout: 30_000 });
	log(`owner account set up (${OWNER.email}); editor at ${new URL(page.url()).pathname}`);
}

async function openNodesPanel(page, first) {
	if (first) {
		const addFirst = page.getByTestId('canvas-add-button');
		if (await addFirst.isVisible().catch(() => false)) return await addFirst.click();
	}
	await page.getByTestId('node-creator-plus-button').click();
}

/** How n8n's nodes panel names a trigger's default event: "On " + the option's name in lower case. */
function defaultEventName(node) {
	const events = (node.description.properties ?? []).find((p) => ['events', 'event'].includes(p.name) && ['multiOptions', 'options'].includes(p.type));
	const value = Array.isArray(events?.default) ? events.default[0] : events?.default;
	const option = events?.options?.find((o) => o.value === value);
	return option ? `On ${option.name.toLowerCase()}` : undefined;
}

/** Searches the node, checks its icon, opens it and picks the action; resolves when the NDV is open. */
async function addNode(page, node, pair, first, problems) {
	await openNodesPanel(page, first);
	const search = page.getByTestId('node-creator-search-bar');
	await search.waitFor({ timeout: 15_000 });
	await search.fill(node.displayName);
	const itemNamed = (name) =>
		page
			.getByTestId('node-creator')
			.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')
			.filter({ has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) })
			.first();
	// n8n lists an app's trigger inside the app's own entry ("OSMTalk Trigger" under "OSMTalk", with
	// its events under "Triggers") when the package has both: a trigger is also looked for there.
	const appName = node.isTrigger && / Trigger$/.test(node.displayName) ? node.displayName.replace(/ Trigger$/, '') : undefined;
	let item = itemNamed(node.displayName);
	try {
		await (appName ? item.or(itemNamed(appName)).first() : item).waitFor({ timeout: 15_000 });
		if (appName && !(await item.isVisible().catch(() => false))) item = itemNamed(appName);
	} catch {
		problems.push(`${node.displayName}: not found in the nodes panel when searching "${node.displayName}"`);
		await page.screenshot({ path: path.join(CACHE, 'ui', `failure-${slug(node.name)}.png`) }).catch(() => undefined);
		await page.keyboard.press('Escape');
		return false;
	}
	const icon = await item.locator('img').first().evaluate((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 })).catch(() => undefined);
	if (!icon) problems.push(`${node.displayName}: no icon image in the nodes panel`);
	else if (!icon.ok) problems.push(`${node.displayName}: icon ${icon.src} did not load`);
	await item.click();

	const ndv = page.getByTestId('ndv');
	const action = pair.operation?.action;
	if (action) {
		const actionItem = page.getByTestId('node-creator').getByTestId('node-creator-item-name').getByText(action, { exact: true }).first();
		try {
			// An app with a trigger shows its triggers first, with "Actions (n)" folded: unfold it.
			const actions = page.getByTestId('node-creator').getByText(/^Actions \(\d+\)$/).first();
			await actionItem.or(actions).first().waitFor({ timeout: 15_000 });
			if (!(await actionItem.isVisible().catch(() => false))) await actions.click({ timeout: 5_000 });
			await actionItem.click({ timeout: 15_000 });
		} catch {
			problems.push(`${node.displayName}: action "${action}" not listed in the nodes panel`);
			await page.screenshot({ path: path.join(CACHE, 'ui', `failure-${slug(node.name)}.png`) }).catch(() => undefined);
			await page.keyboard.press('Escape');
			return false;
		}
	} else if (!(await ndv.isVisible().catch(() => false))) {
		// A node without resource/operation may still list trigger events: take the first.
		// The event the trigger selects by default ("On campaign lead completed"), else the first listed.
		const event = defaultEventName(node);
		const eventItem = event ? page.getByTestId('node-creator').getByTestId('node-creator-item-name').getByText(event, { exact: true }).first() : undefined;
		const firstAction = page.getByTestId('node-creator').getByTestId('node-creator-action-item').first();
		await (eventItem ? eventItem.or(firstAction) : firstAction).or(ndv).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
		if (eventItem && (await eventItem.isVisible().catch(() => false))) await eventItem.click();
		else if (await firstAction.isVisible().catch(() => false)) await firstAction.click();
	}
	await ndv.waitFor({ timeout: 15_000 });
	await page.getByTestId('node-parameters').waitFor({ timeout: 15_000 });
	return true;
}

const SEARCHES = JSON.parse(fs.readFileSync(path.join(ROOT, 'scripts', 'e2e', 'ui', 'searches.json'), 'utf8')).searches;

/** The entries the nodes panel lists for a search, by name, in the order shown. */
async function searchResults(page, term) {
	// An empty workflow: the canvas's "add first step" button, else the panel's plus button.
	await openNodesPanel(page, true);
	const search = page.getByTestId('node-creator-search-bar');
	await search.waitFor({ timeout: 15_000 });
	await search.fill(term);
	// Entries are node items, or action items on an empty canvas (the "what triggers this" view).
	const names = page
		.getByTestId('node-creator')
		.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-action-item"]')
		.getByTestId('node-creator-item-name');
	await names.first().waitFor({ timeout: 15_000 }).catch(() => undefined);
	// The list is filtered as the term is typed: let it settle before reading it.
	await page.waitForTimeout(750);
	const found = (await names.allInnerTexts()).map((name) => name.trim());
	await page.keyboard.press('Escape');
	await page.getByTestId('node-creator').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	return found;
}

/** Each search in searches.json lists every entry it names. */
async function checkSearches(page, problems) {
	const results = {};
	for (const [term, wanted] of Object.entries(SEARCHES)) {
		const found = await searchResults(page, term);
		results[term] = found;
		const missing = wanted.filter((name) => !found.includes(name));
		if (missing.length > 0) problems.push(`search "${term}": ${missing.join(', ')} not listed in the nodes panel (it listed ${found.slice(0, 15).join(', ') || 'nothing'})`);
		else log(`  search "${term}": ${wanted.join(', ')} listed (${found.length} entries in all)`);
	}
	return results;
}

async function closeNdv(page) {
	const ndv = page.getByTestId('ndv');
	const close = page.getByTestId('ndv-close-button');
	if (await close.isVisible().catch(() => false)) await close.click({ timeout: 5_000 }).catch(() => undefined);
	// n8n 1.x names its close control "Back to canvas"; Escape closes the panel in every version.
	if (await ndv.isVisible().catch(() => false)) await page.keyboard.press('Escape');
	await ndv.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function checkPanel(page, node, pair, problems) {
	const label = [node.displayName, pair.resource?.name, pair.operation?.name].filter(Boolean).join(' › ');
	const panel = page.getByTestId('ndv').locator('.node-settings').first();
	// Let option lists and credential selectors settle.
	await page.waitForLoadState('networkidle').catch(() => undefined);
	await page.waitForTimeout(500);
	for (const [name, option] of [['resource', pair.resource], ['operation', pair.operation]]) {
		if (!option) continue;
		const input = page.getByTestId(`parameter-input-${name}`).locator('input').first();
		const value = await input.inputValue().catch(() => undefined);
		if (value !== option.name) problems.push(`${label}: ${name} shows "${value}", expected "${option.name}"`);
	}
	const text = await panel.innerText();
	const broken = text.split('\n').find((line) => PANEL_ERRORS.test(line));
	if (broken) problems.push(`${label}: the parameter panel shows an error: "${broken.trim()}"`);
	const headerIcon = await page
		.getByTestId('ndv')
		.locator('img')
		.first()
		.evaluate((img) => ({ src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0 }))
		.catch(() => undefined);
	if (headerIcon && !headerIcon.ok) problems.push(`${label}: icon ${headerIcon.src} in the node panel did not load`);
	return { panel, label };
}

async function proveEditor(target, { screenshotsDir, pack, sims, nodes, credentials }) {
	const runtime = await ensureRuntime(target);
	const work = path.join(CACHE, 'ui', target.id);
	const userFolder = path.join(work, 'user');
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installCommunityPackage(userFolder, pack);

	// One credential per package credential type that has a simulator, so panels show it selected.
	const imported = credentials.flatMap((credential) => {
		const sim = Object.values(sims.simulators).find((s) => s.credentialType === credential.name);
		if (!sim) return [];
		return [{ id: `e2eUi${credential.name}`.slice(0, 21), name: `${credential.displayName.replace(/ API$/, '')} account`, type: credential.name, data: sim.credentialData }];
	});
	if (imported.length > 0) await n8nOrThrow(runtime, userFolder, ['import:credentials', `--input=${writeTemp(work, 'credentials.json', imported)}`]);
	const agentWorkflow = await importAgentExample(runtime, userFolder, work, imported);
	const resultWorkflow = await importResultWorkflow(runtime, userFolder, work, imported);

	const server = await startN8n(runtime, userFolder, path.join(work, 'n8n.log'));
	const problems = [];
	const notes = [];
	const shots = [];
	let searches = {};
	const words = packageWords(nodes, credentials, pack.name);
	const mentionsPackage = (text) => words.some((word) => text.toLowerCase().includes(word));
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
	const start = Date.now();
	try {
		selectors.setTestIdAttribute('data-test-id');
		const page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
		// The editor's first load compiles a large bundle: on a busy 2-core machine it took over 30 s.
		page.setDefaultNavigationTimeout(120_000);
		page.on('dialog', (dialog) => void dialog.accept());
		const origin = new URL(server.url).origin;
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const text = `${message.text()} ${message.location()?.url ?? ''}`;
			// Failed loads are judged by the response/requestfailed handlers below, with their URL.
			if (message.text().startsWith('Failed to load resource')) return;
			if (mentionsPackage(text)) problems.push(`console error from the package: ${text.slice(0, 300)}`);
			else notes.push(`console error (not the package): ${text.slice(0, 200)}`);
		});
		page.on('pageerror', (error) => {
			const text = `${error.message}\n${error.stack ?? ''}`;
			if (mentionsPackage(text)) problems.push(`page error from the package: ${text.slice(0, 300)}`);
			else notes.push(`page error (not the package): ${error.message.slice(0, 200)}`);
		});
		page.on('response', (response) => {
			const url = new URL(response.url());
			if (response.status() < 400) return;
			if (url.origin !== origin) {
				notes.push(`offline: HTTP ${response.status()} from ${url.origin}${url.pathname}`);
			} else if (url.pathname.startsWith('/schemas/') && response.status() === 404) {
				// The editor asks for an optional output schema per resource/operation (n8n-nodes-base
				// ships them in __schema__/); a package without them gets 404 and n8n carries on.
				notes.push(`no output schema shipped for ${url.pathname.split('/').slice(2, 4).join(' ')} (optional; n8n falls back)`);
			} else if (mentionsPackage(decodeURIComponent(url.href)) || url.pathname.includes('/dynamic-node-parameters')) {
				problems.push(`HTTP ${response.status()} for ${url.pathname}`);
			}
		});
		page.on('requestfailed', (request) => {
			const url = new URL(request.url());
			if (url.origin !== origin) notes.push(`offline: ${url.origin}${url.pathname} (${request.failure()?.errorText})`);
			else if (mentionsPackage(decodeURIComponent(url.href))) problems.push(`request failed: ${url.pathname} (${request.failure()?.errorText})`);
		});

		await setupOwner(page, server.url);
		await page.goto(`${server.url}/workflow/new`);
		// The first canvas waits for every node type (about 18 MB of descriptions in 2.41.1).
		await page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
		searches = await checkSearches(page, problems);
		const agentShot = await checkAgentCanvas(page, server.url, agentWorkflow, { screenshotsDir, packageName: pack.name, problems });
		if (agentShot) shots.push(agentShot);
		shots.push(await checkResultTable(page, server.url, resultWorkflow, { sims, screenshotsDir, problems }));
		const checks = { page, url: server.url, sims, nodes, problems, screenshotsDir, addNode, closeNdv };
		for (const shot of await checkLocators(checks)) shots.push(shot);
		for (const node of nodes) {
			await page.goto(`${server.url}/workflow/new`);
			await page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
			let first = true;
			for (const pair of node.operations) {
				const added = await addNode(page, node, pair, first, problems);
				first = false;
				if (!added) continue;
				const { panel, label } = await checkPanel(page, node, pair, problems);
				const file = path.join(screenshotsDir, screenshotName(node, pair));
				// The panel down to its last parameter (the panel itself runs to the window's bottom).
				const box = await panel.boundingBox();
				const bottom = await panel.evaluate((el) =>
					Math.max(...[...el.querySelectorAll('[data-test-id="parameter-item"], [data-test-id="node-credentials-slot"]')].map((item) => item.getBoundingClientRect().bottom)),
				);
				const height = Number.isFinite(bottom) ? Math.min(box.height, bottom - box.y + 16) : box.height;
				await page.screenshot({ path: file, clip: { x: box.x, y: box.y, width: box.width, height } });
				shots.push(path.relative(ROOT, file));
				log(`  ${label}: ${path.relative(ROOT, file)}`);
				await closeNdv(page);
			}
		}
		await checkCredentialTests(checks);
	} catch (error) {
		problems.push(`the editor run stopped: ${error.message.split('\n')[0]}`);
		const page = browser.contexts()[0]?.pages()[0];
		if (process.env.E2E_UI_DOM && page) fs.writeFileSync(path.join(work, 'failure.html'), await page.content());
		if (page) await page.screenshot({ path: path.join(work, 'failure.png') }).catch(() => undefined);
	} finally {
		await browser.close();
		await server.stop();
	}
	return { target: target.id, n8n: target.n8n, node: runtime.node.version, startSeconds: server.seconds, editorSeconds: (Date.now() - start) / 1000, shots, searches, problems: [...new Set(problems)], notes: [...new Set(notes)] };
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	ensureChromium();
	const chosen = selectTargets(args.targets.length > 0 ? args.targets : [targets[0].id]);
	const pack = buildAndPack();
	const nodes = packageNodes().filter((node) => args.nodes.length === 0 || args.nodes.some((part) => node.displayName.toLowerCase().includes(part)));
	const credentials = packageCredentialTypes();
	const sims = await startSimulators();
	const results = [];
	try {
		for (const target of chosen) {
			// The README's screenshots come from the first target; others go to the cache.
			const screenshotsDir = args.screenshots ?? (target === targets[0] ? path.join(ROOT, 'docs', 'screenshots') : path.join(CACHE, 'ui', target.id, 'screenshots'));
			fs.mkdirSync(screenshotsDir, { recursive: true });
			log(`${target.id}: editor check of ${nodes.length} node(s), ${nodes.reduce((n, node) => n + node.operations.length, 0)} operation panel(s)`);
			results.push(await proveEditor(target, { screenshotsDir, pack, sims, nodes, credentials }));
		}
	} finally {
		await sims.stop();
	}
	writeJson(path.join(CACHE, 'ui-results.json'), { at: new Date().toISOString(), results });
	console.log('\nn8n editor (e2e:ui) results');
	let failed = 0;
	for (const result of results) {
		failed += result.problems.length;
		console.log(`  ${result.target} (Node ${result.node}): ${result.problems.length === 0 ? 'PASS' : 'FAIL'}, ${result.shots.length} screenshot(s), n8n up in ${result.startSeconds.toFixed(1)} s, editor checks ${result.editorSeconds.toFixed(0)} s`);
		for (const problem of result.problems) console.log(`    FAIL ${problem}`);
		for (const note of result.notes) console.log(`    note: ${note}`);
	}
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
