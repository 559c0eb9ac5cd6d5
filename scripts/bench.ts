/**
 * `npm run bench`: speed and memory of the contact pipeline and of the nodes in n8n's engine.
 *
 * 1. Pipeline throughput on 100,000 and 1,000,000 synthetic contacts (mixed formats, ~10 %
 *    duplicates, ~3 % invalid), as contacts/second and as a ratio to bare libphonenumber-js
 *    parsing of the same phones, with peak memory. Each size runs in its own process so its peak
 *    RSS is its own; both paths are warmed up, and at 100,000 the best of five runs is kept.
 * 2. Wall time for 100,000 input items through the OSVI node in n8n's engine against the local
 *    OSVI simulator.
 * 3. One line per provider from scripts/bench/<provider>.ts (50,000 contacts through its node).
 *
 * `--write` also writes the figures to BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

import { createRowMapper } from '../nodes/shared/contacts/mapping';
import { prepareContacts } from '../nodes/shared/contacts/pipeline';
import { contactResult } from '../nodes/shared/contacts/results';
import type { SourceRow } from '../nodes/shared/contacts/types';
import { osviProfile } from '../nodes/Osvi/profile';
import { runNode } from '../test/support/engine';
import { mulberry32 } from '../test/support/prng';
import { OSVI_TOKEN, OsviSimulator } from '../test/simulators/osvi';
import { benchmark as anyreachBenchmark } from './bench/anyreach';
import { benchmark as osmTalkBenchmark } from './bench/osmtalk';
import { benchmark as truedyBenchmark } from './bench/truedy';
import type { ProviderBenchResult, ProviderBenchmark } from './bench/types';
import { benchmark as voiceGenieBenchmark } from './bench/voicegenie';

const ROOT = path.resolve(__dirname, '..', '..');

/** Provider benchmarks: each `scripts/bench/<provider>.ts` runs 50,000 contacts through its node. */
const providerBenchmarks: Array<[string, ProviderBenchmark]> = [
	['Anyreach', anyreachBenchmark],
	['Truedy', truedyBenchmark],
	['VoiceGenie', voiceGenieBenchmark],
	['OSMTalk', osmTalkBenchmark],
];

const FORMATS: Array<(digits: string) => string> = [
	(d) => d,
	(d) => `+91${d}`,
	(d) => `+91 ${d.slice(0, 5)} ${d.slice(5)}`,
	(d) => `0${d}`,
	(d) => `91${d}`,
	(d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
];
const INVALID = ['12345', 'n/a', '98765', '+1 555', 'call later', '9.19877E+11', '000000'];

/** `count` contact rows: Indian mobiles in mixed formats, ~10 % duplicates, ~3 % invalid. */
export function syntheticRows(count: number, seed = 42): SourceRow[] {
	const random = mulberry32(seed);
	const digitsSeen: string[] = [];
	const rows: SourceRow[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const roll = random();
		let phone: string;
		if (roll < 0.03) phone = INVALID[Math.floor(random() * INVALID.length)];
		else {
			let digits: string;
			if (roll < 0.13 && digitsSeen.length > 0) digits = digitsSeen[Math.floor(random() * digitsSeen.length)];
			else {
				digits = `${6 + Math.floor(random() * 4)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
				digitsSeen.push(digits);
			}
			phone = FORMATS[Math.floor(random() * FORMATS.length)](digits);
		}
		rows[i] = { itemIndex: i, row: null, fields: { phone, name: `Contact ${i}`, plan: i % 2 ? 'Pro' : 'Basic' } };
	}
	return rows;
}

interface PipelineFigures {
	contacts: number;
	bareSeconds: number;
	pipelineSeconds: number;
	peakRssMiB: number;
	statuses: Record<string, number>;
}

function timeBareParsing(phones: string[]): number {
	const start = process.hrtime.bigint();
	let valid = 0;
	for (const phone of phones) {
		const parsed = parsePhoneNumberFromString(phone, 'IN');
		if (parsed?.isValid() && parsed.number) valid++;
	}
	if (valid === 0) throw new Error('benchmark parsed nothing');
	return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The pipeline as an upload runs it: prepare (map → normalize → suppress → dedupe → chunk), then one result per contact. */
function timePipeline(rows: SourceRow[], statuses: Record<string, number>): number {
	const start = process.hrtime.bigint();
	const prepared = prepareContacts(rows, createRowMapper(osviProfile, { sources: {} }), { profile: osviProfile, defaultCountry: 'IN' });
	for (const batch of prepared.batches) for (const record of batch) record.status = 'sent';
	let results = 0;
	for (const record of prepared.records) {
		const status = contactResult(record).status as string;
		statuses[status] = (statuses[status] ?? 0) + 1;
		results++;
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	if (results !== rows.length) throw new Error('benchmark lost contacts');
	return seconds;
}

/**
 * Runs in a child process. Both paths are warmed up first, then timed alternately `rounds` times
 * (the best of each is kept: the machine may be busy with other work, which only ever slows a run).
 */
function measurePipeline(count: number): PipelineFigures {
	const rounds = count <= 100_000 ? 5 : 1;
	const warmUp = syntheticRows(20_000, 7);
	timeBareParsing(warmUp.map((row) => row.fields.phone as string));
	timePipeline(warmUp, {});

	const rows = syntheticRows(count);
	const phones = rows.map((row) => row.fields.phone as string);
	let bareSeconds = Infinity;
	let pipelineSeconds = Infinity;
	let statuses: Record<string, number> = {};
	for (let round = 0; round < rounds; round++) {
		bareSeconds = Math.min(bareSeconds, timeBareParsing(phones));
		statuses = {};
		pipelineSeconds = Math.min(pipelineSeconds, timePipeline(rows, statuses));
	}
	return { contacts: count, bareSeconds, pipelineSeconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, statuses };
}

async function measureNode(count: number): Promise<{ contacts: number; seconds: number; sent: number; requests: number }> {
	const sim = new OsviSimulator();
	await sim.start();
	sim.addCampaign(1);
	sim.addAgent('agent_bench');
	const items = syntheticRows(count).map((row) => ({ json: row.fields }));
	const start = process.hrtime.bigint();
	const result = await runNode(
		{
			type: 'osvi',
			parameters: { resource: 'campaign', operation: 'addContacts', campaignId: 1, agentUuid: 'agent_bench' },
			credentials: { osviApi: 'OSVI' },
		},
		{ items, credentials: { osviApi: { apiToken: OSVI_TOKEN, baseUrl: sim.baseUrl } } },
	);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	await sim.stop();
	if (result.error) throw result.error;
	if (result.output.length !== count) throw new Error(`expected ${count} results, got ${result.output.length}`);
	return {
		contacts: count,
		seconds,
		sent: result.output.filter((item) => item.json.status === 'sent').length,
		requests: sim.requests.length,
	};
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args[0] === '--pipeline-child') {
		// A synchronous write: the parent reads it from a pipe and the process exits right after.
		fs.writeSync(1, JSON.stringify(measurePipeline(Number(args[1]))));
		return;
	}

	const lines: string[] = [];
	const say = (line = '') => {
		lines.push(line);
		console.log(line);
	};
	say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}`);
	say();
	say('| pipeline | contacts/s | bare libphonenumber-js parsing, contacts/s | ratio (target ≥ 0.8) | peak RSS of the run (target < 1 GiB at 1,000,000) |');
	say('|---|---|---|---|---|');
	for (const count of [100_000, 1_000_000]) {
		// No forced garbage collections: a collection forced before a timed run shrinks V8's heap
		// target and penalises whichever path allocates more, which a real n8n process never does.
		const output = execFileSync(process.execPath, [__filename, '--pipeline-child', String(count)], {
			encoding: 'utf8',
			maxBuffer: 1 << 20,
		});
		const figures = JSON.parse(output) as PipelineFigures;
		const pipelineRate = figures.contacts / figures.pipelineSeconds;
		const bareRate = figures.contacts / figures.bareSeconds;
		say(
			`| ${fmt(count)} contacts (${Object.entries(figures.statuses).map(([s, n]) => `${fmt(n)} ${s}`).join(', ')}) | ${fmt(pipelineRate)} | ${fmt(bareRate)} | ${fmt(pipelineRate / bareRate, 2)}× | ${fmt(figures.peakRssMiB)} MiB |`,
		);
	}
	say();
	const node = await measureNode(100_000);
	say('| n8n engine | contacts | wall time (target < 5 s) | sent | requests |');
	say('|---|---|---|---|---|');
	say(`| OSVI node, input items → local simulator | ${fmt(node.contacts)} | ${fmt(node.seconds, 2)} s | ${fmt(node.sent)} | ${node.requests} |`);

	if (providerBenchmarks.length > 0) {
		say();
		say('| provider (through its node, against its simulator) | contacts | wall time | requests | 429s received | note |');
		say('|---|---|---|---|---|---|');
		for (const [name, benchmark] of providerBenchmarks) {
			const result: ProviderBenchResult = await benchmark();
			say(`| ${name} | ${fmt(result.contacts)} | ${fmt(result.seconds, 2)} s | ${result.requests} | ${result.http429} | ${result.note ?? ''} |`);
		}
	}

	if (args.includes('--write')) {
		const text = [
			'# Benchmarks',
			'',
			'Measured with `npm run bench` (the figures below are its output, written by `npm run bench -- --write`).',
			'Speed and memory are measured here, never by timed tests.',
			'',
			`Run on ${new Date().toISOString().slice(0, 10)}.`,
			'',
			...lines,
			'',
			'## How it is measured',
			'',
			'- The synthetic contacts are Indian mobiles in six formats, with ~10 % duplicates and ~3 % invalid numbers. The same seed gives the same data on every run.',
			'- "Pipeline" is what an upload does before sending: map → normalize (OSVI\'s rule on top of libphonenumber-js) → suppress → dedupe (OSVI\'s longer-name rule) → chunk, then one result item per contact. "Bare parsing" is `parsePhoneNumberFromString(phone, \'IN\')` + `isValid()` + `.number` on the same phones.',
			'- Each size runs in its own child process. Both paths are warmed up first, then timed alternately: the best of five runs at 100,000, one run at 1,000,000. Garbage collection is never forced. At 100,000 the peak RSS therefore includes the garbage of the repeated runs.',
			'- The n8n engine line runs a real workflow (fixture items → OSVI node) through n8n-core\'s WorkflowExecute, against the OSVI simulator on 127.0.0.1.',
			'- The machine has 2 cores, shared with whatever else runs; a busy machine only ever makes a run slower.',
			'',
		].join('\n');
		fs.writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), text);
		console.log('\nWrote BENCHMARKS.md');
	}
}

if (require.main === module) main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
