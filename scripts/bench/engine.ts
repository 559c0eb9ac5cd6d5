/**
 * Contacts from one CSV file through the OSVI node in n8n's engine (n8n-core's WorkflowExecute,
 * dist/ loaded as n8n loads a community package), and the floor for it: csv-parse reading the same
 * file plus bare libphonenumber-js 'max' parsing of its phones. Each runs in its own child process
 * of `npm run bench`, so its peak RSS is its own; the OSVI simulator runs in the parent.
 */
import { parse } from 'csv-parse/sync';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import * as fs from 'node:fs';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { decodeText, plainAsciiBody } from '../../nodes/shared/contacts/decoding';
import { csvItem, runNode } from '../../test/support/engine';
import { OSVI_TOKEN, OsviSimulator } from '../../test/simulators/osvi';
import { peakRssMiB, runChild } from './stats';

export const BENCH_CAMPAIGN = 1;
export const BENCH_AGENT = 'agent_bench';

/** Summary output as users run it, and the same with Skip Contacts Sent Before off (OSVI's default is on). */
export type EngineMode = 'summary' | 'summaryNoSentBefore' | 'perContact';

export interface EngineFigures {
	contacts: number;
	output: 'summary' | 'perContact';
	seconds: number;
	peakRssMiB: number;
	items: number;
	sent: number;
}

export interface FloorFigures {
	contacts: number;
	seconds: number;
	valid: number;
	peakRssMiB: number;
	/** The node's text step for this (UTF-8, ASCII) file: the check that lets csv-parse read the bytes as they are. */
	asciiCheckSeconds: number;
	/** A full strict UTF-8 decode of the file into a string (what the reader did before the check). */
	decodeSeconds: number;
}

/** In a child: one CSV file in a binary property → OSVI Add Contacts → the simulator at `baseUrl`, timed. */
export async function uploadCsvToOsvi(file: string, baseUrl: string, options: IDataObject, workflowId?: string): Promise<{ seconds: number; output: INodeExecutionData[] }> {
	const item = csvItem(fs.readFileSync(file));
	const start = process.hrtime.bigint();
	const result = await runNode(
		{
			type: 'osvi',
			parameters: {
				resource: 'campaign',
				operation: 'addContacts',
				campaignId: BENCH_CAMPAIGN,
				agentUuid: BENCH_AGENT,
				contactSource: 'csv',
				options,
			},
			credentials: { osviApi: 'OSVI' },
		},
		{ items: [item], credentials: { osviApi: { apiToken: OSVI_TOKEN, baseUrl } }, workflowId },
	);
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	if (result.error) throw result.error;
	return { seconds, output: result.output };
}

/** In the child: the CSV file → OSVI Add Contacts, as users run it (`mode`), with its peak RSS. */
export async function engineUpload(file: string, mode: EngineMode, baseUrl: string): Promise<EngineFigures> {
	const output = mode === 'perContact' ? 'perContact' : 'summary';
	const run = await uploadCsvToOsvi(file, baseUrl, mode === 'summaryNoSentBefore' ? { output, skipSentBefore: false } : { output });
	const summary = output === 'summary' ? run.output[0]?.json : undefined;
	const contacts = summary ? (summary.total as number) : run.output.length;
	const sent = summary ? (summary.sent as number) : run.output.filter((entry) => entry.json.status === 'sent').length;
	return { contacts, output, seconds: run.seconds, peakRssMiB: peakRssMiB(), items: run.output.length, sent };
}

/** In the child: csv-parse reads the file (already in memory) and libphonenumber-js parses every phone. */
export function floor(file: string): FloorFigures {
	const buffer = fs.readFileSync(file);
	const checkStart = process.hrtime.bigint();
	if (!plainAsciiBody(buffer)) throw new Error('the benchmark file is not plain ASCII');
	const asciiCheckSeconds = Number(process.hrtime.bigint() - checkStart) / 1e9;
	const decodeStart = process.hrtime.bigint();
	if (!decodeText(buffer, 'utf-8').ok) throw new Error('the benchmark file is not UTF-8');
	const decodeSeconds = Number(process.hrtime.bigint() - decodeStart) / 1e9;
	const start = process.hrtime.bigint();
	const rows = parse(buffer, { bom: true, skip_empty_lines: true }) as string[][];
	const phoneColumn = rows[0].indexOf('phone');
	let valid = 0;
	for (let r = 1; r < rows.length; r++) {
		const parsed = parsePhoneNumberFromString(rows[r][phoneColumn], 'IN');
		if (parsed?.isValid() && parsed.number) valid++;
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	return { contacts: rows.length - 1, seconds, valid, peakRssMiB: peakRssMiB(), asciiCheckSeconds, decodeSeconds };
}

/** In the parent: a fresh OSVI simulator with the benchmark's campaign and agent, for one child. */
export async function withBenchOsvi<T>(work: (sim: OsviSimulator) => Promise<T>): Promise<T> {
	const sim = new OsviSimulator();
	await sim.start();
	try {
		sim.addCampaign(BENCH_CAMPAIGN);
		sim.addAgent(BENCH_AGENT);
		return await work(sim);
	} finally {
		await sim.stop();
	}
}

/** In the parent: one engine run in a child, against a fresh simulator here. */
export async function runEngineChild(script: string, file: string, mode: EngineMode): Promise<EngineFigures & { requests: number; stored: number }> {
	return await withBenchOsvi(async (sim) => {
		const figures = await runChild<EngineFigures>(script, ['engine', file, mode, sim.baseUrl]);
		const stored = sim.storedContacts(BENCH_CAMPAIGN).length;
		if (stored !== figures.sent) throw new Error(`the node reported ${figures.sent} sent, the simulator stored ${stored}`);
		return { ...figures, requests: sim.requests.length, stored };
	});
}
