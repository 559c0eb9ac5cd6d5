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
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { benchmark as anyreachBenchmark } from './bench/anyreach';
import { CONCURRENT_EXECUTIONS, CONCURRENT_LIMIT, CONCURRENT_WINDOW_MS, CONTACTS_PER_EXECUTION, concurrentRound, type ConcurrentRound } from './bench/concurrent';
import { writeContactsCsv } from './bench/data';
import { engineUpload, floor, runEngineChild, type EngineMode, type FloorFigures } from './bench/engine';
import { benchmark as osmTalkBenchmark } from './bench/osmtalk';
import { measurePipeline, type PipelineFigures, type Rule } from './bench/pipeline';
import { recordCost, runRecordChild, type RecordFigures } from './bench/record';
import { normalizeOsviPhone } from '../nodes/Osvi/profile';
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
const DIY_CONTACTS = 50_000;

/** One `n8n execute` of scripts/bench/diy.mjs. */
interface DiyRun {
	workflow: 'node' | 'diy' | 'baseline';
	round: number;
	wall: number;
	cpu: number;
	peakRssMiB: number;
	requests: number;
	statuses: number[];
	phones: string[];
	stored: number;
}

/** Of the phones a workflow sent: those OSVI's rule refuses, and those whose number was sent before in the same run. */
function junkAndDuplicates(phones: string[]): { junk: number; duplicates: number } {
	const seen = new Set<string>();
	let junk = 0;
	let duplicates = 0;
	for (const phone of phones) {
		const check = normalizeOsviPhone(phone);
		if (!check.ok) junk++;
		else if (seen.has(check.phone)) duplicates++;
		else seen.add(check.phone);
	}
	return { junk, duplicates };
}

/**
 * The node against the do-it-yourself workflow in the real n8n application (scripts/bench/diy.mjs,
 * which uses the e2e runtime and simulators), at 50,000 contacts: `--diy`, `--diy-runs=N`.
 */
async function diySection(directory: string, runs: number, say: (line?: string) => void): Promise<void> {
	const csv = path.join(directory, 'contacts-50k.csv');
	const resultFile = path.join(directory, 'diy.json');
	writeContactsCsv(csv, DIY_CONTACTS);
	await new Promise<void>((resolve, reject) => {
		const child = execFile(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'diy.mjs'), csv, String(runs), resultFile], { cwd: ROOT, maxBuffer: 1 << 26 }, (error) =>
			error ? reject(error) : resolve(),
		);
		child.stdout?.pipe(process.stderr);
		child.stderr?.pipe(process.stderr);
	});
	const { n8n, node, results } = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as { n8n: string; node: string; results: DiyRun[] };
	const of = (workflow: DiyRun['workflow']) => results.filter((run) => run.workflow === workflow);
	const [nodeRuns, diyRuns, baseRuns] = [of('node'), of('diy'), of('baseline')];
	const ratio = (pick: (run: DiyRun) => number, net = false) =>
		spread(nodeRuns.map((run, i) => (pick(run) - (net ? pick(baseRuns[i]) : 0)) / (pick(diyRuns[i]) - (net ? pick(baseRuns[i]) : 0))));
	const row = (label: string, list: DiyRun[]) => {
		const sent = list[0];
		const { junk, duplicates } = junkAndDuplicates(sent.phones);
		return `| ${label} | ${showSpread(spread(list.map((run) => run.cpu)), 1, ' s')} | ${showSpread(spread(list.map((run) => run.wall)), 1, ' s')} | ${showSpread(spread(list.map((run) => run.peakRssMiB)), 0, ' MiB')} | ${fmt(sent.requests)} (${[...new Set(sent.statuses)].join(', ') || '–'}) | ${fmt(sent.phones.length)} | ${fmt(junk)} | ${fmt(duplicates)} | ${fmt(sent.stored)} |`;
	};
	say();
	say(
		`| real n8n ${n8n} (Node ${node}), \`n8n execute\`, ${fmt(DIY_CONTACTS)}-contact CSV → OSVI simulator | CPU (user + sys) | wall | peak RSS | requests (statuses) | contacts sent | junk phones sent | same-number duplicates sent | stored by OSVI |`,
	);
	say('|---|---|---|---|---|---|---|---|---|');
	say(row('OSVI node (Summary output)', nodeRuns));
	say(row('do-it-yourself: Extract From File → Remove Duplicates → Loop Over Items (1,000) → HTTP Request', diyRuns));
	say(row('baseline: start n8n and read the file only', baseRuns));
	say();
	say(
		`Node ÷ do-it-yourself, per round: CPU **${showSpread(ratio((run) => run.cpu), 2, '×')}** (target ≤ 0.6×), net of the baseline ${showSpread(ratio((run) => run.cpu, true), 2, '×')}; peak RSS **${showSpread(ratio((run) => run.peakRssMiB), 2, '×')}** (target ≤ 0.8×), net of the baseline ${showSpread(ratio((run) => run.peakRssMiB, true), 2, '×')}; wall ${showSpread(ratio((run) => run.wall), 2, '×')}.`,
	);
}

/** Runs in a child process: `bench.js --child <kind> …`, answering JSON on stdout. */
async function child(args: string[]): Promise<void> {
	const [kind, ...rest] = args;
	if (kind === 'pipeline') answer(measurePipeline(rest[0] as Rule, Number(rest[1]), Number(rest[2])));
	else if (kind === 'engine') answer(await engineUpload(rest[0], rest[1] as EngineMode, rest[2]));
	else if (kind === 'floor') answer(floor(rest[0]));
	else if (kind === 'record') answer(await recordCost(rest[0], rest[1], rest[2]));
	else throw new Error(`unknown child ${kind}`);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args[0] === '--child') return await child(args.slice(1));
	const option = (name: string) => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
	// On a busy machine a full run takes long: `--rounds=2 --pipeline-sizes=100000` is a shorter one.
	const rounds = Number(option('rounds') ?? 3);
	const diyRuns = Number(option('diy-runs') ?? 3);
	// The 1,000,000 run at OSVI's defaults (Skip Contacts Sent Before on) each round, unless fewer are asked for.
	const sentBeforeRounds = Number(option('sent-before-rounds') ?? Number.POSITIVE_INFINITY);
	const pipelineSizes = (option('pipeline-sizes') ?? '100000,1000000').split(',').map(Number);
	const recordSizes = (option('record-sizes') ?? '100000').split(',').map(Number);
	// `--sections=pipeline,engine,record,diy,providers,concurrent` runs only those; `--diy` adds the real-n8n section.
	const sections = new Set((option('sections') ?? `pipeline,engine,record,providers,concurrent${args.includes('--diy') ? ',diy' : ''}`).split(','));

	const lines: string[] = [];
	const say = (line = '') => {
		lines.push(line);
		console.log(line);
	};
	say(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, load average ${os.loadavg().map((load) => fmt(load, 1)).join(' / ')} at the start`);
	say();
	say(`Medians of the runs, with their range in brackets. Ratios are computed per run (the two sides measured side by side) and then summarised.`);
	say();
	if (sections.has('pipeline')) {
		say("| pipeline (map → normalize → suppress → dedupe → chunk → one result per contact) | contacts | pipeline, contacts/s | bare 'max' parsing, contacts/s | pipeline ÷ bare parsing, wall (target) | same, CPU time | peak RSS |");
		say('|---|---|---|---|---|---|---|');
		for (const rule of ['osvi', 'generic'] as const) {
			for (const count of pipelineSizes) {
				const times = count <= 100_000 ? Math.max(5, rounds) : rounds;
				const figures = await runChild<PipelineFigures>(__filename, ['pipeline', rule, String(count), String(times)]);
				const pipelineRate = spread(figures.pipelineSeconds.map((seconds) => count / seconds));
				const bareRate = spread(figures.bareSeconds.map((seconds) => count / seconds));
				const ratio = spread(figures.bareSeconds.map((bare, i) => bare / figures.pipelineSeconds[i]));
				const cpuRatio = spread(figures.bareCpuSeconds.map((bare, i) => bare / figures.pipelineCpuSeconds[i]));
				const statuses = Object.entries(figures.statuses).map(([status, n]) => `${fmt(n)} ${status}`).join(', ');
				say(
					`| ${RULE_NAMES[rule]}: ${statuses} | ${fmt(count)} | ${showSpread(pipelineRate, 0)} | ${showSpread(bareRate, 0)} | **${showSpread(ratio, 2, '×')}** (≥ ${fmt(RULE_TARGETS[rule], 1)}×) | ${showSpread(cpuRatio, 2, '×')} | ${fmt(figures.peakRssMiB)} MiB |`,
				);
			}
		}
	}

	if (sections.has('engine')) {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-bench-'));
		try {
			const bigCsv = path.join(directory, 'contacts-1m.csv');
			const smallCsv = path.join(directory, 'contacts-200k.csv');
			writeContactsCsv(bigCsv, ENGINE_CONTACTS);
			writeContactsCsv(smallCsv, PER_CONTACT_CONTACTS);
			const summaryRuns: Array<Awaited<ReturnType<typeof runEngineChild>>> = [];
			const noSentBeforeRuns: Array<Awaited<ReturnType<typeof runEngineChild>>> = [];
			const floorRuns: FloorFigures[] = [];
			const perContactRuns: Array<Awaited<ReturnType<typeof runEngineChild>>> = [];
			for (let round = 0; round < rounds; round++) {
				if (round < sentBeforeRounds) summaryRuns.push(await runEngineChild(__filename, bigCsv, 'summary'));
				floorRuns.push(await runChild<FloorFigures>(__filename, ['floor', bigCsv]));
				noSentBeforeRuns.push(await runEngineChild(__filename, bigCsv, 'summaryNoSentBefore'));
				perContactRuns.push(await runEngineChild(__filename, smallCsv, 'perContact'));
			}
			const seconds = (runs: Array<{ seconds: number }>) => spread(runs.map((run) => run.seconds));
			const rss = (runs: Array<{ peakRssMiB: number }>) => spread(runs.map((run) => run.peakRssMiB));
			const toFloor = () => spread(summaryRuns.map((run, i) => run.seconds / floorRuns[i].seconds));
			const noSentBeforeToFloor = spread(noSentBeforeRuns.map((run, i) => run.seconds / floorRuns[i].seconds));
			const big = summaryRuns[0] as (typeof summaryRuns)[number] | undefined;
			const bigNoSentBefore = noSentBeforeRuns[0];
			const small = perContactRuns[0];
			say();
			say(`| n8n engine, CSV file → OSVI Add Contacts → local simulator | contacts | wall time | ÷ floor (target ≤ 1.5×) | peak RSS (target < 1,536 MiB) | output items | sent / requests |`);
			say('|---|---|---|---|---|---|---|');
			if (big) {
				say(
					`| Summary output, other options at OSVI's defaults (Skip Contacts Sent Before on) | ${fmt(big.contacts)} | ${showSpread(seconds(summaryRuns), 2, ' s')} | **${showSpread(toFloor(), 2, '×')}** | **${showSpread(rss(summaryRuns), 0, ' MiB')}** | ${big.items} | ${fmt(big.sent)} / ${big.requests} |`,
				);
			}
			say(
				`| Summary output, Skip Contacts Sent Before off | ${fmt(bigNoSentBefore.contacts)} | ${showSpread(seconds(noSentBeforeRuns), 2, ' s')} | **${showSpread(noSentBeforeToFloor, 2, '×')}** | **${showSpread(rss(noSentBeforeRuns), 0, ' MiB')}** | ${bigNoSentBefore.items} | ${fmt(bigNoSentBefore.sent)} / ${bigNoSentBefore.requests} |`,
			);
			say(
				`| floor: csv-parse reading the same file + bare 'max' parsing of its phones | ${fmt(floorRuns[0].contacts)} | ${showSpread(seconds(floorRuns), 2, ' s')} | 1× | ${showSpread(rss(floorRuns), 0, ' MiB')} | – | ${fmt(floorRuns[0].valid)} valid |`,
			);
			say(
				`| One Item per Contact | ${fmt(small.contacts)} | ${showSpread(seconds(perContactRuns), 2, ' s')} | – | ${showSpread(rss(perContactRuns), 0, ' MiB')} | ${fmt(small.items)} | ${fmt(small.sent)} / ${small.requests} |`,
			);
			// Issue 10: the text step of this UTF-8 file, as a share of the engine run of the same round.
			const milliseconds = (values: number[]) => spread(values.map((value) => value * 1000));
			const percentOfRun = (values: number[]) => spread(values.map((value, i) => (value / noSentBeforeRuns[i].seconds) * 100));
			const checks = floorRuns.map((run) => run.asciiCheckSeconds);
			const decodes = floorRuns.map((run) => run.decodeSeconds);
			say();
			say(
				`Decoding the 1,000,000-contact file (UTF-8; target ≤ 5 % of the run): the node checks that it is plain ASCII and hands csv-parse the bytes as they are: ${showSpread(milliseconds(checks), 0, ' ms')}, **${showSpread(percentOfRun(checks), 2, ' %')}** of the Summary run with Skip Contacts Sent Before off. A full strict UTF-8 decode into a string (what the reader did before) takes ${showSpread(milliseconds(decodes), 0, ' ms')}, ${showSpread(percentOfRun(decodes), 2, ' %')}.`,
			);
		} finally {
			fs.rmSync(directory, { recursive: true, force: true });
		}
	}

	if (sections.has('record')) {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-bench-'));
		try {
			say();
			say(
				"| sent-before record (n8n engine, CSV → OSVI node, Summary; one child, the record carried from run to run) | contacts | upload, record off | first run, recording (÷ record off) | re-run: all already sent (÷ record off) | as many others behind them (÷ record off) | taken back from the record | record: entries, JSON |",
			);
			say('|---|---|---|---|---|---|---|---|');
			for (const size of recordSizes) {
				const file = path.join(directory, `record-${size}.csv`);
				const otherFile = path.join(directory, `record-${size}-others.csv`);
				writeContactsCsv(file, size);
				writeContactsCsv(otherFile, size, 7);
				const runs: RecordFigures[] = [];
				for (let round = 0; round < rounds; round++) runs.push(await runRecordChild(__filename, file, otherFile));
				const secondsOf = (pick: (run: RecordFigures) => number) => showSpread(spread(runs.map(pick)), 2, ' s');
				const toOff = (pick: (run: RecordFigures) => number) => showSpread(spread(runs.map((run) => pick(run) / run.offSeconds)), 2, '×');
				const last = runs[runs.length - 1];
				say(
					`| ${runs.length} rounds; sent ${fmt(last.sent.first)}, then ${fmt(last.sent.rerun)} (${fmt(last.alreadySent)} already sent), then ${fmt(last.sent.others)} | ${fmt(last.contacts)} | ${secondsOf((run) => run.offSeconds)} | ${secondsOf((run) => run.firstSeconds)} (**${toOff((run) => run.firstSeconds)}**) | ${secondsOf((run) => run.rerunSeconds)} (${toOff((run) => run.rerunSeconds)}) | ${secondsOf((run) => run.othersSeconds)} (**${toOff((run) => run.othersSeconds)}**) | ${fmt(last.takenBack)} | ${fmt(last.entries)}, ${fmt(last.rowBytes / 2 ** 20, 1)} MiB |`,
				);
			}
		} finally {
			fs.rmSync(directory, { recursive: true, force: true });
		}
	}

	if (sections.has('diy')) {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'voice-campaigns-bench-'));
		try {
			await diySection(directory, diyRuns, say);
		} catch (error) {
			// The other sections stay worth writing down.
			say();
			say(`The real-n8n section failed: ${(error as Error).message.split('\n')[0]}`);
		} finally {
			fs.rmSync(directory, { recursive: true, force: true });
		}
	}

	if (sections.has('providers') && providerBenchmarks.length > 0) {
		say();
		say('| provider (through its node, against its simulator) | contacts | wall time | requests | 429s received | note |');
		say('|---|---|---|---|---|---|');
		for (const [name, benchmark] of providerBenchmarks) {
			const result: ProviderBenchResult = await benchmark();
			say(`| ${name} | ${fmt(result.contacts)} | ${fmt(result.seconds, 2)} s | ${result.requests} | ${result.http429} | ${result.note ?? ''} |`);
		}
	}

	if (sections.has('concurrent')) {
		const concurrent: ConcurrentRound[] = [];
		for (let round = 0; round < Math.max(3, rounds); round++) concurrent.push(await concurrentRound());
		const last = concurrent[concurrent.length - 1];
		say();
		say(`| ${CONCURRENT_EXECUTIONS} executions at once in one process (Truedy node, ${fmt(CONTACTS_PER_EXECUTION)} contacts each, limit ${CONCURRENT_LIMIT} requests per ${CONCURRENT_WINDOW_MS / 1000} s window) | wall time | first → last request | rate floor | first → last ÷ floor (target ≤ 1.05) | wall ÷ floor | requests | 429s (target 0) | sent |`);
		say('|---|---|---|---|---|---|---|---|---|');
		say(
			`| ${concurrent.length} rounds | ${showSpread(spread(concurrent.map((round) => round.seconds)), 2, ' s')} | ${showSpread(spread(concurrent.map((round) => round.sendingSeconds)), 2, ' s')} | ${fmt(last.floorSeconds, 0)} s | **${showSpread(spread(concurrent.map((round) => round.sendingSeconds / round.floorSeconds)), 3, '×')}** | ${showSpread(spread(concurrent.map((round) => round.seconds / round.floorSeconds)), 3, '×')} | ${last.requests} | ${concurrent.map((round) => round.http429).join(', ')} | ${concurrent.map((round) => fmt(round.sent)).join(', ')} |`,
		);
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
			"- \"Pipeline\" is what an upload does before sending, then one result per contact. \"Bare parsing\" is `parsePhoneNumberFromString(phone, country)` + `isValid()` + `.number` with libphonenumber-js's full ('max') metadata on the same phones. Both are warmed up, then timed alternately in one child process per size (at least five runs at 100,000). Garbage collection is never forced. The wall-time ratio is the target's; the CPU-time ratio (user + system of the child over the same runs) is what waiting for a core on a busy machine does not move, but it also counts the garbage collector's helper threads.",
			"- The engine runs load dist/ as n8n loads a community package and run fixture item → OSVI node through n8n-core's WorkflowExecute, against the OSVI simulator on 127.0.0.1 (in the parent process, so the child's peak RSS is the node's and n8n's). The CSV file is in the item's binary property as base64, as n8n keeps binary data in memory by default. The floor reads the same file with csv-parse (from memory) and parses its phones. Engine run, floor and the 200,000 run alternate; ratios are per round.",
			"- Skip Contacts Sent Before is on by default for OSVI: the node checks every contact against n8n's de-duplication record before sending (an attempt mark per contact) and records the confirmed ones at a spacing (docs/contact-pipeline.md). The engine runs use the test harness's stand-in of n8n's store (test/support/dedup-store.ts), which costs what n8n 2.41's does: every call reads the record's JSON (from a file, as n8n reads its database), builds a Set of it, hashes each item with md5 and writes the whole record back; `removeProcessed` looks each item up from the start. The row with it off shows the upload itself. The record section (`--record-sizes=…`, default 100,000) carries one record through four uploads in one child: record off, the first run (which records), the same file again, and as many other contacts behind them.",
			"- The real-n8n section (`npm run bench -- --diy`, or `--sections=diy` alone; `--diy-runs=N`, default 3) runs scripts/bench/diy.mjs: the e2e runtime (n8n 2.41.1 on Node 24 from .cache/e2e, the package packed and installed as n8n installs a community package), the e2e OSVI simulator, and three workflows by `n8n execute` under GNU time, alternating: the node, the do-it-yourself workflow, and a baseline that only starts n8n and reads the file. CPU is user + system of the n8n process and its children, peak RSS that of the largest process. Junk phones are those OSVI's rule refuses; same-number duplicates those whose number the workflow had already sent in the run.",
			'- The machine has 2 cores, shared with whatever else runs (the load average above): absolute times move with the load, the side-by-side ratios much less.',
			'',
		].join('\n');
		// Sections other sessions keep in BENCHMARKS.md (headings the benchmark does not write) stay.
		const file = path.join(ROOT, 'BENCHMARKS.md');
		const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
		const kept = previous
			.split(/^(?=## )/m)
			.slice(1)
			.filter((section) => !/^## (How it is measured|Other runs)/.test(section));
		fs.writeFileSync(file, [text, ...kept].join('\n'));
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
