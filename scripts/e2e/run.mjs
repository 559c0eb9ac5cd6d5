// `npm run e2e`: proves the package in the real n8n application, for every target in targets.mjs.
// Usage: node scripts/e2e/run.mjs [--target <id-part>]... [--example <name-part>]...
// See docs/e2e.md.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { packageNodes } from './describe.mjs';
import { checkRun } from './expect.mjs';
import { CACHE, ROOT, duSize, log, readJson, writeJson } from './lib.mjs';
import { openDb } from './db.mjs';
import { n8n, n8nOrThrow, parseRawOutput, tail, writeTemp } from './n8n.mjs';
import { buildAndPack, installCommunityPackage } from './package.mjs';
import { ensureRuntime } from './runtime.mjs';
import { startN8n } from './server.mjs';
import { startSimulators } from './simulators.mjs';
import { selectTargets } from './targets.mjs';

function parseArgs(argv) {
	const args = { targets: [], examples: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--target') args.targets.push(argv[++i]);
		else if (argv[i] === '--example') args.examples.push(argv[++i]);
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return args;
}

/** Every workflow in examples/ with its expectations. */
export async function loadExamples(filter = []) {
	const dir = path.join(ROOT, 'examples');
	const examples = [];
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json')).sort()) {
		const name = file.replace(/\.json$/, '');
		if (filter.length > 0 && !filter.some((part) => name.includes(part))) continue;
		const workflow = readJson(path.join(dir, file));
		const expectFile = path.join(dir, `${name}.expect.json`);
		const checkerFile = path.join(dir, `${name}.expect.mjs`);
		const example = { name, file, workflow, problems: [] };
		if (fs.existsSync(expectFile)) example.expect = readJson(expectFile);
		else example.problems.push(`no expectations: write examples/${name}.expect.json`);
		if (fs.existsSync(checkerFile)) example.checker = (await import(pathToFileURL(checkerFile).href)).default;
		if (!workflow.id) example.problems.push('the workflow has no "id" (n8n execute runs a workflow by id)');
		examples.push(example);
	}
	return examples;
}

/** The credentials the examples refer to, one per type + id: {type, id, name}. */
function credentialReferences(examples) {
	const refs = new Map();
	for (const { workflow } of examples) {
		for (const node of workflow.nodes ?? []) {
			for (const [type, ref] of Object.entries(node.credentials ?? {})) {
				refs.set(`${type}:${ref.id}`, { type, id: ref.id, name: ref.name });
			}
		}
	}
	return [...refs.values()];
}

function isSecret(key, value) {
	return typeof value === 'string' && value.length >= 6 && !/^https?:\/\//.test(value) && !/url|host|domain/i.test(key);
}

/**
 * The workflow as imported for the run: URLs the expectation file maps to a simulator
 * ("urls": {"https://crm.example.com": "sink"}) point at it. The example file itself is untouched.
 */
function forSimulators(example, sims) {
	let text = JSON.stringify(example.workflow);
	for (const [prefix, name] of Object.entries(example.expect.urls ?? {})) {
		const sim = sims.simulators[name];
		if (!sim) throw new Error(`${example.name}: "urls" maps ${prefix} to unknown simulator "${name}"`);
		text = text.split(prefix).join(sim.baseUrl);
	}
	return JSON.parse(text);
}

/** A workflow started by its Manual Trigger: `n8n execute --id … --rawOutput`. */
async function runByExecute(runtime, userFolder, example) {
	const execution = await n8n(runtime, userFolder, ['execute', `--id=${example.workflow.id}`, '--rawOutput']);
	const run = parseRawOutput(execution.stdout);
	const runError =
		execution.code !== 0 || !run
			? `n8n execute exited with ${execution.code}${run ? '' : ' and printed no run'}:\n${tail(execution.stdout, 15)}\n${tail(execution.stderr, 15)}`
			: run.data?.resultData?.error?.message;
	return { run, runError, seconds: execution.seconds, log: execution.stderr };
}

/**
 * A workflow started by a webhook (n8n's Webhook node or a package trigger): the workflow is
 * activated, `n8n start` registers its webhooks (a package trigger registers with its provider's
 * simulator), the request from "webhook" in the expectation file is sent to the production URL,
 * and the execution is read back from n8n's database. The workflow is deactivated afterwards
 * (n8n stopped first, so a trigger's webhook is deleted at the provider as n8n would do it).
 */
/**
 * `"form": {"file": "examples/data/…csv"}` submits n8n's Form Trigger as a browser does: a
 * multipart POST to the form's production URL, the file in the form's first field (`field-0`).
 */
async function submitForm(baseUrl, registered, form) {
	const body = new FormData();
	const file = path.join(ROOT, form.file);
	body.append(form.field ?? 'field-0', new Blob([fs.readFileSync(file)], { type: form.type ?? 'text/csv' }), path.basename(file));
	return await fetch(`${baseUrl}/form/${registered.webhookPath}`, { method: 'POST', body });
}

async function callWebhook(baseUrl, registered, webhook) {
	const query = webhook.query ? `?${new URLSearchParams(webhook.query)}` : '';
	const answer = webhook.form
		? await submitForm(baseUrl, registered, webhook.form)
		: await fetch(`${baseUrl}/webhook/${registered.webhookPath}${query}`, {
				method: webhook.method ?? registered.method,
				headers: { 'content-type': 'application/json', ...webhook.headers },
				body: webhook.body === undefined ? undefined : typeof webhook.body === 'string' ? webhook.body : JSON.stringify(webhook.body),
			});
	const text = await answer.text();
	try {
		return { status: answer.status, body: JSON.parse(text) };
	} catch {
		return { status: answer.status, body: text };
	}
}

async function runByWebhook(runtime, userFolder, work, example, sims) {
	const { webhook } = example.expect;
	const id = example.workflow.id;
	const started = Date.now();
	await n8nOrThrow(runtime, userFolder, runtime.target.activate(id));
	const server = await startN8n(runtime, userFolder, path.join(work, `n8n-${example.name}.log`));
	const db = openDb(runtime, userFolder);
	let run;
	let runError;
	let response;
	try {
		const node = webhook.node ?? example.workflow.nodes.find((n) => n.webhookId)?.name;
		// n8n activates workflows after it starts answering: wait for the webhook to be registered.
		let registered;
		for (const deadline = Date.now() + 30_000; !registered; ) {
			registered = await db.webhook(id, node);
			if (registered) break;
			if (Date.now() > deadline) throw new Error(`no production webhook registered for node "${node}" within 30 s (did the workflow activate? see the n8n log)`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const before = (await db.lastExecution(id))?.id;
		const webhookUrl = `${server.url}/webhook/${registered.webhookPath}`;
		const send = async (delivery) =>
			webhook.via
				? // The provider's simulator calls the webhook n8n registered with it (a package trigger);
					// `headers` from the expectations replace the provider's own (a forged signature, say).
					await sims.deliver(webhook.via, delivery.body, { webhookUrl, headers: delivery.headers })
				: await callWebhook(server.url, registered, { ...webhook, ...delivery });
		// "before": deliveries sent first (a forged event, say); their answers are in response.before.
		const earlier = [];
		for (const delivery of webhook.before ?? []) earlier.push(await send(delivery));
		response = await send(webhook);
		if (earlier.length > 0) response = { ...response, before: earlier };
		for (const deadline = Date.now() + 60_000; ; ) {
			const last = await db.lastExecution(id);
			if (last && last.id !== before && ['success', 'error', 'crashed', 'canceled'].includes(last.status)) {
				const data = await db.executionData(last.id);
				run = { status: last.status, data };
				runError = data?.resultData?.error?.message ?? (last.status === 'success' ? undefined : `execution ${last.status}`);
				break;
			}
			if (Date.now() > deadline) throw new Error('no finished execution within 60 s of the webhook call');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	} catch (error) {
		runError = error.message;
	} finally {
		await db.close();
		await server.stop();
		await n8n(runtime, userFolder, runtime.target.deactivate(id));
	}
	return { run, runError, response, seconds: (Date.now() - started) / 1000, log: path.join(work, `n8n-${example.name}.log`) };
}

/**
 * A workflow that cannot run here ("activateOnly" in the expectation file: an AI Agent needs a chat
 * model, and no LLM is reachable): it is imported and activated, `n8n start` must register its
 * trigger's webhook (n8n registers it only when the workflow activates), and the trigger's page
 * must answer (a GET of the hosted chat). It is not executed, and the report says so.
 */
async function runByActivation(runtime, userFolder, work, example) {
	const { activateOnly } = example.expect;
	const id = example.workflow.id;
	const started = Date.now();
	const problems = [];
	await n8nOrThrow(runtime, userFolder, runtime.target.activate(id));
	const logFile = path.join(work, `n8n-${example.name}.log`);
	const server = await startN8n(runtime, userFolder, logFile);
	const db = openDb(runtime, userFolder);
	let page;
	try {
		let registered;
		for (const deadline = Date.now() + 30_000; !registered && Date.now() < deadline; ) {
			registered = await db.webhook(id, activateOnly.node);
			if (!registered) await new Promise((resolve) => setTimeout(resolve, 250));
		}
		if (!registered) problems.push(`"${activateOnly.node}" registered no webhook within 30 s: the workflow did not activate (see ${logFile})`);
		else {
			const answer = await fetch(`${server.url}/webhook/${registered.webhookPath}`);
			const text = await answer.text();
			page = { status: answer.status, path: registered.webhookPath };
			if (answer.status !== 200 || !/<html/i.test(text)) problems.push(`GET /webhook/${registered.webhookPath} answered ${answer.status}, not the chat page`);
		}
	} finally {
		await db.close();
		await server.stop();
		await n8n(runtime, userFolder, runtime.target.deactivate(id));
	}
	return { problems, page, seconds: (Date.now() - started) / 1000, log: logFile };
}

async function proveTarget(target, { pack, sims, examples }) {
	const result = { target: target.id, n8n: target.n8n, examples: {}, timings: {} };
	const runtime = await ensureRuntime(target);
	result.node = runtime.node.version;
	result.timings = { ...runtime.timings };
	result.disk = runtime.size;

	const work = path.join(CACHE, 'runs', target.id);
	const userFolder = path.join(work, 'user');
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	installCommunityPackage(userFolder, pack);

	// Credentials the examples use, with the Base URL of the simulator of their type.
	const secrets = new Set();
	const credentials = credentialReferences(examples).map((ref) => {
		const sim = Object.values(sims.simulators).find((s) => s.credentialType === ref.type);
		if (!sim) throw new Error(`no simulator stands in for credential type "${ref.type}" (add one in scripts/e2e/simulators/)`);
		for (const [key, value] of Object.entries(sim.credentialData)) if (isSecret(key, value)) secrets.add(value);
		return { id: ref.id, name: ref.name, type: ref.type, data: sim.credentialData };
	});
	const started = Date.now();
	if (credentials.length > 0) {
		await n8nOrThrow(runtime, userFolder, ['import:credentials', `--input=${writeTemp(work, 'credentials.json', credentials)}`]);
	}
	result.timings.importCredentials = (Date.now() - started) / 1000;
	log(`${target.id}: imported ${credentials.length} credential(s) in ${result.timings.importCredentials} s`);

	const importStart = Date.now();
	const runnable = examples.filter((example) => example.problems.length === 0);
	for (const example of runnable) {
		const file = writeTemp(path.join(work, 'workflows'), example.file, forSimulators(example, sims));
		await n8nOrThrow(runtime, userFolder, ['import:workflow', `--input=${file}`]);
	}
	result.timings.importWorkflows = (Date.now() - importStart) / 1000;
	log(`${target.id}: imported ${runnable.length} workflow(s) in ${result.timings.importWorkflows} s`);

	for (const example of examples) {
		if (example.problems.length > 0) {
			result.examples[example.name] = { ok: false, problems: example.problems };
			continue;
		}
		await sims.reset(example.expect.seed);
		if (example.expect.activateOnly) {
			const activation = await runByActivation(runtime, userFolder, work, example);
			const { problems } = activation;
			const report = await sims.report();
			// Activation alone must not reach a provider: the agent (and its tools) did not run.
			const touched = Object.entries(report).filter(([, sim]) => (sim.requests ?? []).length > 0).map(([name]) => name);
			if (touched.length > 0) problems.push(`activating it sent requests to ${touched.join(', ')}`);
			writeJson(path.join(work, 'results', `${example.name}.json`), { mode: 'activate only', ...activation });
			result.examples[example.name] = { ok: problems.length === 0, mode: 'activate only', notRun: example.expect.activateOnly.why, seconds: activation.seconds, problems };
			log(`${target.id}: ${problems.length === 0 ? 'PASS' : 'FAIL'} ${example.name} (imported and activated, not executed: ${example.expect.activateOnly.why})`);
			for (const problem of problems) log(`    ${problem}`);
			continue;
		}
		const mode = example.expect.webhook ? 'webhook' : 'execute';
		const execution = mode === 'webhook' ? await runByWebhook(runtime, userFolder, work, example, sims) : await runByExecute(runtime, userFolder, example);
		const { run, runError, response } = execution;
		const report = await sims.report();
		const problems = await checkRun({ expect: example.expect, checker: example.checker, run, runError, report, response, secrets: [...secrets] });
		writeJson(path.join(work, 'results', `${example.name}.json`), { mode, run, response, log: execution.log, report, problems });
		result.examples[example.name] = { ok: problems.length === 0, mode, seconds: execution.seconds, problems };
		log(`${target.id}: ${problems.length === 0 ? 'PASS' : 'FAIL'} ${example.name} (${mode}, ${execution.seconds.toFixed(1)} s)`);
		for (const problem of problems) log(`    ${problem}`);
	}
	return result;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const totalStart = Date.now();
	const examples = await loadExamples(args.examples);
	if (examples.length === 0) throw new Error('no example workflows in examples/');
	const pack = buildAndPack();
	const sims = await startSimulators();
	const results = [];
	try {
		for (const target of selectTargets(args.targets)) {
			const start = Date.now();
			const result = await proveTarget(target, { pack, sims, examples });
			result.timings.total = (Date.now() - start) / 1000;
			results.push(result);
		}
	} finally {
		await sims.stop();
	}
	writeJson(path.join(CACHE, 'results.json'), { at: new Date().toISOString(), package: `${pack.name}@${pack.version}`, results });

	console.log('\nn8n e2e results');
	let failed = 0;
	for (const result of results) {
		const entries = Object.entries(result.examples);
		const passed = entries.filter(([, r]) => r.ok).length;
		failed += entries.length - passed;
		console.log(`  ${result.target} (Node ${result.node}, ${result.disk} installed): ${passed}/${entries.length} examples pass, ${result.timings.total.toFixed(0)} s`);
		for (const [name, r] of entries) console.log(`    ${r.ok ? 'PASS' : 'FAIL'} ${name}${r.seconds ? ` ${r.seconds.toFixed(1)} s` : ''}${r.notRun ? ' (activated only, not executed)' : ''}`);
	}
	// Which of the package's nodes the examples exercise (information, not a failure).
	// A node's AI-tool variant (`<type>Tool`) counts for the node.
	const used = new Set(examples.flatMap((example) => (example.workflow.nodes ?? []).map((node) => node.type.replace(/Tool$/, ''))));
	const nodes = packageNodes();
	const covered = nodes.filter((node) => used.has(node.type)).map((node) => node.displayName);
	const uncovered = nodes.filter((node) => !used.has(node.type)).map((node) => node.displayName);
	console.log(`  package nodes in examples: ${covered.join(', ') || 'none'}${uncovered.length > 0 ? `; in no example: ${uncovered.join(', ')}` : ''}`);
	console.log(`  cache: ${duSize(CACHE)} in ${path.relative(ROOT, CACHE)}; total ${((Date.now() - totalStart) / 1000).toFixed(0)} s`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
