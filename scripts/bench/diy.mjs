// `npm run bench -- --diy`: the OSVI node against the do-it-yourself workflow in the real n8n
// application (the e2e runtime: n8n 2.41.1 on Node 24, the package installed as n8n installs a
// community package), on the same CSV file, against the e2e OSVI simulator.
//
//   node scripts/bench/diy.mjs <contacts.csv> <runs> <result.json>
//
// Three workflows, each started by `n8n execute` under /usr/bin/time, alternating, <runs> times:
// - node: Read/Write Files from Disk → OSVI Add Contacts (CSV, Summary output, Forget Contacts
//   Sent Before so that every run sends the file again; other options at their defaults);
// - diy: Read/Write Files from Disk → Extract From File (CSV) → Remove Duplicates (phone) → Loop
//   Over Items (batches of 1,000) → HTTP Request (one POST per batch, the phone written as +91 and
//   its last 10 digits, errors continued) → back to the loop;
// - baseline: Read/Write Files from Disk alone: what starting n8n and reading the file cost, so
//   that the ratios can also be given net of it.
// The result file holds, per run, wall / user / system seconds and peak RSS of the n8n process
// (GNU time: user + system of the process and every child it waited for; peak RSS of the largest),
// and the phones of every contact the simulator received. bench.ts classifies those with the
// node's own phone rule.
import fs from 'node:fs';
import path from 'node:path';

import { CACHE, ROOT, capture, freePort, log, run } from '../e2e/lib.mjs';
import { n8nEnv, n8nOrThrow, parseRawOutput, tail, writeTemp } from '../e2e/n8n.mjs';
import { installCommunityPackage } from '../e2e/package.mjs';
import { ensureRuntime } from '../e2e/runtime.mjs';
import { startSimulators } from '../e2e/simulators.mjs';
import { selectTargets } from '../e2e/targets.mjs';

const CAMPAIGN = 4521;
const AGENT = 'agent_bench_diy';
const CREDENTIAL = { id: 'osviBenchCredential', name: 'OSVI bench account' };
const BATCH = 1000;

const node = (name, type, typeVersion, parameters, position, extra = {}) => ({
	id: `bench-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`,
	name,
	type,
	typeVersion,
	parameters,
	position: [position * 220, 300],
	...extra,
});

function workflows(csvFile) {
	const trigger = node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0);
	const read = node('Read Contacts CSV', 'n8n-nodes-base.readWriteFile', 1.1, { fileSelector: csvFile, options: {} }, 1);
	const chain = (...names) => Object.fromEntries(names.slice(0, -1).map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
	const osvi = node(
		'Add Contacts to OSVI',
		'n8n-nodes-voice-campaigns.osvi',
		1,
		{
			resource: 'campaign',
			operation: 'addContacts',
			campaignId: CAMPAIGN,
			agentUuid: AGENT,
			contactSource: 'csv',
			binaryPropertyName: 'data',
			// Forget Contacts Sent Before: every run sends the whole file (the record is kept in n8n's
			// database across runs); Skip Contacts Sent Before stays on, as OSVI's default.
			options: { output: 'summary', clearSentBefore: true },
		},
		2,
		{ credentials: { osviApi: CREDENTIAL } },
	);
	const extract = node('Extract From CSV', 'n8n-nodes-base.extractFromFile', 1, { operation: 'csv', options: {} }, 2);
	const dedupe = node('Remove Duplicates', 'n8n-nodes-base.removeDuplicates', 2, { compare: 'selectedFields', fieldsToCompare: 'phone', options: {} }, 3);
	const loop = node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, { batchSize: BATCH, options: {} }, 4);
	const body = `={{ JSON.stringify({ agent_uuid: '${AGENT}', contacts: $input.all().map(item => ({ person_name: String(item.json.name), phone: '+91' + String(item.json.phone).replace(/\\D/g, '').slice(-10) })) }) }}`;
	const http = node(
		'Send Batch to OSVI',
		'n8n-nodes-base.httpRequest',
		4.2,
		{
			method: 'POST',
			// Set to the simulator's add-contacts URL once it runs.
			url: '',
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'osviApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: {},
		},
		5,
		{ credentials: { osviApi: CREDENTIAL }, executeOnce: true, onError: 'continueRegularOutput' },
	);
	return {
		node: { name: 'Bench: OSVI node', id: 'benchOsviNode0001', nodes: [trigger, read, osvi], connections: chain('Start', 'Read Contacts CSV', 'Add Contacts to OSVI') },
		diy: {
			name: 'Bench: do-it-yourself upload',
			id: 'benchOsviDiy00001',
			nodes: [trigger, read, extract, dedupe, loop, http],
			connections: {
				...chain('Start', 'Read Contacts CSV', 'Extract From CSV', 'Remove Duplicates', 'Loop Over Items'),
				// Loop Over Items: output 0 is "done", output 1 the next batch.
				'Loop Over Items': { main: [[], [{ node: 'Send Batch to OSVI', type: 'main', index: 0 }]] },
				'Send Batch to OSVI': { main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]] },
			},
		},
		baseline: { name: 'Bench: read the file only', id: 'benchReadOnly0001', nodes: [trigger, read], connections: chain('Start', 'Read Contacts CSV') },
	};
}

/** One `n8n execute` under GNU time: wall, CPU and peak RSS of the n8n process tree. */
async function execute(runtime, userFolder, env, workflow, work) {
	const timeFile = path.join(work, 'time.txt');
	const result = await capture('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, runtime.node.bin, runtime.n8nBin, 'execute', `--id=${workflow.id}`, '--rawOutput'], {
		cwd: ROOT,
		env,
		timeoutMs: 900_000,
	});
	const [wall, user, system, maxRssKb] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
	// A run as large as these is not always printed as one JSON document: the exit code decides, and
	// an error in a run that was printed.
	const printed = parseRawOutput(result.stdout);
	// n8n 2.41.1 sometimes crashes on its way out (exit 139) after printing a successful run.
	const succeeded = result.code === 0 || printed?.status === 'success';
	const error = !succeeded ? `n8n execute exited with ${result.code}:\n${tail(result.stdout, 10)}\n${tail(result.stderr, 10)}` : printed?.data?.resultData?.error?.message;
	if (error) throw new Error(`${workflow.name}: ${error}`);
	return { wall, user, system, cpu: user + system, peakRssMiB: maxRssKb / 1024 };
}

async function main() {
	const [csv, runsText, resultFile] = process.argv.slice(2);
	const runs = Number(runsText ?? 3);
	const [target] = selectTargets(['n8n-2.41.1']);
	const runtime = await ensureRuntime(target);
	// Per process, so that two benchmark runs side by side do not share a user folder.
	const work = path.join(CACHE, `bench-diy-${process.pid}`);
	const userFolder = path.join(work, 'user');
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	// n8n 2.x reads files only under N8N_RESTRICT_FILE_ACCESS_TO: the CSV is copied there.
	const files = path.join(work, 'files');
	fs.mkdirSync(files, { recursive: true });
	const csvFile = path.join(files, 'contacts.csv');
	fs.copyFileSync(csv, csvFile);
	// dist/ is what `npm run bench` built; packed here without building again, so that a benchmark
	// running beside this one never sees dist/ being rebuilt.
	const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' }).stdout)[0];
	installCommunityPackage(userFolder, { tarball: path.join(work, path.basename(packed.filename)), name: packed.name, version: packed.version });

	const sims = await startSimulators();
	try {
		const osvi = sims.simulators.osvi;
		const flows = workflows(csvFile);
		// The HTTP Request node posts to the simulator's add-contacts URL.
		flows.diy.nodes.find((n) => n.name === 'Send Batch to OSVI').parameters.url = `${osvi.baseUrl}/v1/campaigns/${CAMPAIGN}/contacts`;
		await n8nOrThrow(runtime, userFolder, ['import:credentials', `--input=${writeTemp(work, 'credentials.json', [{ ...CREDENTIAL, type: 'osviApi', data: osvi.credentialData }])}`]);
		for (const flow of Object.values(flows)) await n8nOrThrow(runtime, userFolder, ['import:workflow', `--input=${writeTemp(work, `${flow.id}.json`, flow)}`]);

		const env = Object.fromEntries(
			Object.entries(n8nEnv(runtime, userFolder, { N8N_RESTRICT_FILE_ACCESS_TO: files, N8N_RUNNERS_BROKER_PORT: String(await freePort()) })).filter(
				([, value]) => value !== undefined,
			),
		);
		const results = [];
		for (let round = 0; round < runs; round++) {
			for (const name of ['node', 'diy', 'baseline']) {
				await sims.reset({ osvi: { campaigns: [CAMPAIGN], agents: [AGENT] } });
				const figures = await execute(runtime, userFolder, { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) }, flows[name], work);
				const report = (await sims.report()).osvi;
				const uploads = report.requests.filter((request) => request.method === 'POST' && /\/contacts$/.test(request.path));
				const phones = uploads.flatMap((request) => (Array.isArray(request.body?.contacts) ? request.body.contacts.map((contact) => String(contact.phone)) : []));
				const stored = report.state?.campaigns?.[CAMPAIGN]?.contacts?.length ?? 0;
				results.push({ workflow: name, round, ...figures, requests: uploads.length, statuses: uploads.map((request) => request.status), phones, stored });
				// Written after every run, so that a failure later keeps what was measured.
				fs.writeFileSync(resultFile, JSON.stringify({ n8n: target.n8n, node: runtime.node.version, results }));
				log(`bench diy: ${name} round ${round + 1}: ${figures.wall} s wall, ${figures.cpu.toFixed(1)} s CPU, ${figures.peakRssMiB.toFixed(0)} MiB, ${uploads.length} requests, ${phones.length} contacts sent, ${stored} stored`);
			}
		}
		fs.writeFileSync(resultFile, JSON.stringify({ n8n: target.n8n, node: runtime.node.version, results }));
	} finally {
		await sims.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
