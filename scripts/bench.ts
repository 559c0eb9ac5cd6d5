/**
 * `npm run bench`: speed and memory of the contact pipeline and of the nodes in n8n's engine.
 *
 * 1. The pipeline per provider rule (OSVI's, and the generic E.164 rule) on 100,000 and 1,000,000
 *    synthetic contacts, as a ratio to bare libphonenumber-js 'max' parsing of the same phones,
 *    timed alternately in one child process per size.
 * 2. 1,000,000 contacts from one CSV file through the OSVI node in n8n's engine with Summary
 *    output, against its floor measured in the same run (csv-parse reading the same file plus bare
 *    'max' parsing of its phones); and 200,000 from a CSV with one item per contact. Every run is
 *    a child process of its own, so its peak RSS is its own; the runs alternate, several times.
 * 3. One line per provider from scripts/bench/<provider>.ts (50,000 contacts through its node).
 *
 * Medians with the range of the runs are reported, never the best run. `--write` also writes the
 * figures to BENCHMARKS.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { benchmark as anyreachBenchmark } from './bench/anyreach';
import { writeContactsCsv } from './bench/data';
import { engineUpload, floor, runEngineChild, type EngineFigures, type FloorFigures } from './bench/engine';
import { benchmark as osmTalkBenchmark } from './bench/osmtalk';
import { measurePipeline, type PipelineFigures, type Rule } from './bench/pipeline';
import { answer, fmt, runChild, showSpread, spread } from './bench/stats';
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

const RULE_NAMES: Record<Rule, string> = {
	osvi: "OSVI's rule (Indian mobiles, default IN)",
	generic: 'generic E.164 rule (Truedy profile; US and other numbers, default US)',
};
const RULE_TARGETS: Record<Rule, number> = { osvi: 2.0, generic: 0.9 };

const ENGINE_CONTACTS = 1_000_000;
const PER_CONTACT_CONTACTS = 200_000;

/** Runs in a child process: `bench.js --child <kind> …`, answering JSON on stdout. */
async function child(args: string[]): Promise<void> {
	const [kind, ...rest] = args;
	if (kind === 'pipeline') answer(measurePipeline(rest[0] as Rule, Number(rest[1]), Number(rest[2])));
	else if (kind === 'engine') answer(await engineUpload(rest[0], rest[1] as EngineFigures['output'], rest[2]));
	else if (kind === 'floor') answer(floor(rest[0]));
	else throw new Error(`unknown child ${kind}`);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args[0] === '--child') return await child(args.slice(1));
	const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	// On a busy machine a full run takes long: `--rounds=2 --pipeline-sizes=100000` is a shorter one.
	const rounds = Number(option('rounds') ?? 3);
	const pipelineSizes = (option('pipeline-sizes') ?? '100000,1000000').split(',').map(Number);

	const lines: string[] = [];
	const say = (line = '') => {
		lines.push(line);
		console.log(line);
	};
	say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, load average ${os.loadavg().map((load) => fmt(load, 1)).join(' / ')} at the start`);
	say();
	say(`Medians of the runs, with their range in brackets. Ratios are computed per run (the two sides measured side by side) and then summarised.`);
	say();
	say("| pipeline (map → normalize → suppress → dedupe → chunk → one result per contact) | contacts | pipeline, contacts/s | bare 'max' parsing, contacts/s | pipeline ÷ bare parsing (target) | peak RSS |");
	say('|---|---|---|---|---|---|');
	for (const rule of ['osvi', 'generic'] as const) {
		for (const count of pipelineSizes) {
			const times = count <= 100_000 ? Math.max(5, rounds) : rounds;
			const figures = await runChild<PipelineFigures>(__filename, ['pipeline', rule, String(count), String(times)]);
			const pipelineRate = spread(figures.pipelineSeconds.map((seconds) => count / seconds));
			const bareRate = spread(figures.bareSeconds.map((seconds) => count / seconds));
			const ratio = spread(figures.bareSeconds.map((bare, i) => bare / figures.pipelineSeconds[i]));
			const statuses = Object.entries(figures.statuses).map(([status, n]) => `${fmt(n)} ${status}`).join(', ');
			say(
				`| ${RULE_NAMES[rule]}: ${statuses} | ${fmt(count)} | ${showSpread(pipelineRate, 0)} | ${showSpread(bareRate, 0)} | **${showSpread(ratio, 2, '×')}** (≥ ${fmt(RULE_TARGETS[rule], 1)}×) | ${fmt(figures.peakRssMiB)} MiB |`,
			);
		}
	}

	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-bench-'));
	try {
		const bigCsv = path.join(directory, 'contacts-1m.csv');
		const smallCsv = path.join(directory, 'contacts-200k.csv');
		writeContactsCsv(bigCsv, ENGINE_CONTACTS);
		writeContactsCsv(smallCsv, PER_CONTACT_CONTACTS);
		const summaryRuns: Array<Awaited<ReturnType<typeof runEngineChild>>> = [];
		const floorRuns: FloorFigures[] = [];
		const perContactRuns: Array<Awaited<ReturnType<typeof runEngineChild>>> = [];
		for (let round = 0; round < rounds; round++) {
			summaryRuns.push(await runEngineChild(__filename, bigCsv, 'summary'));
			floorRuns.push(await runChild<FloorFigures>(__filename, ['floor', bigCsv]));
			perContactRuns.push(await runEngineChild(__filename, smallCsv, 'perContact'));
		}
		const seconds = (runs: Array<{ seconds: number }>) => spread(runs.map((run) => run.seconds));
		const rss = (runs: Array<{ peakRssMiB: number }>) => spread(runs.map((run) => run.peakRssMiB));
		const toFloor = spread(summaryRuns.map((run, i) => run.seconds / floorRuns[i].seconds));
		const big = summaryRuns[0];
		const small = perContactRuns[0];
		say();
		say(`| n8n engine, CSV file → OSVI Add Contacts → local simulator | contacts | wall time | ÷ floor (target ≤ 1.5×) | peak RSS (target < 1,536 MiB) | output items | sent / requests |`);
		say('|---|---|---|---|---|---|---|');
		say(
			`| Summary output | ${fmt(big.contacts)} | ${showSpread(seconds(summaryRuns), 2, ' s')} | **${showSpread(toFloor, 2, '×')}** | **${showSpread(rss(summaryRuns), 0, ' MiB')}** | ${big.items} | ${fmt(big.sent)} / ${big.requests} |`,
		);
		say(
			`| floor: csv-parse reading the same file + bare 'max' parsing of its phones | ${fmt(floorRuns[0].contacts)} | ${showSpread(seconds(floorRuns), 2, ' s')} | 1× | ${showSpread(rss(floorRuns), 0, ' MiB')} | – | ${fmt(floorRuns[0].valid)} valid |`,
		);
		say(
			`| One Item per Contact | ${fmt(small.contacts)} | ${showSpread(seconds(perContactRuns), 2, ' s')} | – | ${showSpread(rss(perContactRuns), 0, ' MiB')} | ${fmt(small.items)} | ${fmt(small.sent)} / ${small.requests} |`,
		);
	} finally {
		fs.rmSync(directory, { recursive: true, force: true });
	}

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
			`Run on ${new Date().toISOString().slice(0, 10)} with \`${['npm run bench --', ...args].join(' ')}\`.`,
			'',
			...lines,
			'',
			'## How it is measured',
			'',
			"- OSVI's data: Indian mobiles in six formats, ~10 % repeating an earlier number in another format, ~3 % unreadable. The generic rule's data: US numbers in six formats, ~10 % GB, IN, AU and AE numbers in E.164, the same share of repeats and unreadable ones. The same seed gives the same data on every run.",
			"- \"Pipeline\" is what an upload does before sending, then one result per contact. \"Bare parsing\" is `parsePhoneNumberFromString(phone, country)` + `isValid()` + `.number` with libphonenumber-js's full ('max') metadata on the same phones. Both are warmed up, then timed alternately in one child process per size (at least five runs at 100,000). Garbage collection is never forced.",
			"- The engine runs load dist/ as n8n loads a community package and run fixture item → OSVI node through n8n-core's WorkflowExecute, against the OSVI simulator on 127.0.0.1 (in the parent process, so the child's peak RSS is the node's and n8n's). The CSV file is in the item's binary property as base64, as n8n keeps binary data in memory by default. The floor reads the same file with csv-parse (from memory) and parses its phones. Engine run, floor and the 200,000 run alternate; ratios are per round.",
			'- The machine has 2 cores, shared with whatever else runs (the load average above): absolute times move with the load, the side-by-side ratios much less.',
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
