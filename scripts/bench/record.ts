/**
 * What the sent-before record (Skip Contacts Sent Before, on by default for OSVI) costs. In one
 * child process, so that the record (in the harness's stand-in of n8n's store, which reads, parses
 * and writes the whole record per call as n8n's does) carries from run to run, the OSVI node
 * uploads one CSV file with the record off, then with it on (the first run, which records its
 * contacts), then the same file again (every contact already sent), then another file of as many
 * other contacts behind those recorded. The OSVI simulator runs in the parent.
 */
import type { IDataObject } from 'n8n-workflow';

import { deduplicationStore } from '../../test/support/dedup-store';
import { BENCH_CAMPAIGN, uploadCsvToOsvi, withBenchOsvi } from './engine';
import { runChild } from './stats';

const WORKFLOW = 'bench-sent-before';

export interface RecordFigures {
	contacts: number;
	/** The upload with Skip Contacts Sent Before off. */
	offSeconds: number;
	firstSeconds: number;
	rerunSeconds: number;
	/** The other file's contacts, uploaded behind the first file's record. */
	othersSeconds: number;
	sent: { first: number; rerun: number; others: number };
	alreadySent: number;
	entries: number;
	rowBytes: number;
	/** Items the node asked n8n's store to take back (each a scan of the record in n8n). */
	takenBack: number;
}

async function upload(file: string, baseUrl: string, skipSentBefore: boolean): Promise<{ seconds: number; summary: IDataObject }> {
	const { seconds, output } = await uploadCsvToOsvi(file, baseUrl, { output: 'summary', skipSentBefore }, WORKFLOW);
	return { seconds, summary: output[0].json };
}

/** In the child: the four uploads, one after the other. */
export async function recordCost(file: string, otherFile: string, baseUrl: string): Promise<RecordFigures> {
	const off = await upload(file, baseUrl, false);
	const first = await upload(file, baseUrl, true);
	const rerun = await upload(file, baseUrl, true);
	const takenBackBefore = deduplicationStore.removedItems;
	const others = await upload(otherFile, baseUrl, true);
	const records = [...deduplicationStore.recordsOf(WORKFLOW).values()];
	return {
		contacts: off.summary.total as number,
		offSeconds: off.seconds,
		firstSeconds: first.seconds,
		rerunSeconds: rerun.seconds,
		othersSeconds: others.seconds,
		sent: { first: first.summary.sent as number, rerun: rerun.summary.sent as number, others: others.summary.sent as number },
		alreadySent: rerun.summary.already_sent as number,
		entries: records.reduce((sum, entries) => sum + entries.length, 0),
		rowBytes: deduplicationStore.rowBytesOf(WORKFLOW),
		takenBack: deduplicationStore.removedItems - takenBackBefore,
	};
}

/** In the parent: one child against a fresh simulator here. */
export async function runRecordChild(script: string, file: string, otherFile: string): Promise<RecordFigures> {
	return await withBenchOsvi(async (sim) => {
		const figures = await runChild<RecordFigures>(script, ['record', file, otherFile, sim.baseUrl]);
		const stored = sim.storedContacts(BENCH_CAMPAIGN).length;
		const sent = figures.sent;
		// The record off stores the file once, the first run once more; the re-run stores nothing.
		const expected = 2 * sent.first + sent.rerun + sent.others;
		if (stored !== expected) throw new Error(`the node reported ${expected} sent in all, the simulator stored ${stored}`);
		if (sent.rerun !== 0) throw new Error(`the re-run sent ${sent.rerun} contacts again`);
		return figures;
	});
}
