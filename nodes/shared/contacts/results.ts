import type { IDataObject } from 'n8n-workflow';

import { CONTACT_STATUSES, type ContactRecord, type ContactStatus, type EncodingGuess } from './types';

/** What happened to one batch, for the summary output. */
export interface BatchReport {
	batch: number;
	contacts: number;
	/** Contacts of the batch the provider confirmed. */
	sent?: number;
	status: 'sent' | 'failed' | 'unconfirmed' | 'ready';
	providerResponse?: IDataObject;
	error?: string;
}

export interface ResultOptions {
	/** Include Input Fields: the contact's original fields (item JSON or CSV columns) on its result. */
	includeInputFields?: boolean;
}

/** The keys a contact's result sets itself; a contact field of the same name stays under `contact`. */
const RESULT_KEYS = new Set(['status', 'reason', 'phone', 'rawPhone', 'itemIndex', 'row', 'batch', 'contact', 'phones', 'duplicateOf', 'providerResponse', 'fileEncoding']);

/**
 * The output JSON of one contact: its mapped fields (name, email…) at top level, then its status.
 * With Include Input Fields, the input fields come first and the result's own fields (status, reason, phone…) take precedence over input fields of the same name,
 * as in n8n's own nodes; `rawPhone` keeps the phone as given.
 */
export function contactResult(record: ContactRecord, options: ResultOptions = {}): IDataObject {
	const result: IDataObject = options.includeInputFields ? { ...record.contact.input } : {};
	// The contact's name and other mapped fields first, at top level: the first columns of n8n's table.
	// (One result per contact of a million: no entry arrays, no clashing object unless a key clashes.)
	const fields = record.contact.fields;
	let clashing: IDataObject | undefined;
	for (const key of Object.keys(fields)) {
		if (RESULT_KEYS.has(key)) (clashing ??= {})[key] = fields[key];
		else result[key] = fields[key];
	}
	result.status = record.status ?? 'failed';
	result.reason = record.reason ?? null;
	result.phone = record.phone ?? null;
	result.rawPhone = record.contact.rawPhones[0] ?? null;
	result.itemIndex = record.itemIndex;
	result.row = record.row;
	result.batch = record.batch ?? null;
	if (clashing) result.contact = clashing;
	const phones = record.phones;
	if (phones.length > 1) result.phones = [...phones];
	if (record.duplicateOf) {
		result.duplicateOf = {
			itemIndex: record.duplicateOf.itemIndex,
			row: record.duplicateOf.row,
			phone: record.duplicateOf.phone ?? null,
		};
	}
	if (record.providerResponse) result.providerResponse = record.providerResponse;
	const guess = record.contact.decodedAs;
	if (guess) result.fileEncoding = guess.encoding;
	return result;
}

export function countStatuses(records: Iterable<ContactRecord>): Record<ContactStatus, number> {
	const counts = Object.fromEntries(CONTACT_STATUSES.map((status) => [status, 0])) as Record<ContactStatus, number>;
	for (const record of records) counts[record.status ?? 'failed']++;
	return counts;
}

/** What the summary says about files whose encoding Auto guessed, one line per file. */
function encodingNotes(records: ContactRecord[]): string[] {
	const guesses = new Set<EncodingGuess>();
	for (const record of records) {
		const guess = record.contact.decodedAs;
		if (guess) guesses.add(guess);
	}
	return [...guesses].map((guess) => `The CSV file of item ${guess.itemIndex} was read as ${guess.encoding}: ${guess.why}.`);
}

/** The single summary item: counts, batches, and every contact that was not sent. */
export function summaryResult(records: ContactRecord[], batches: BatchReport[], dryRun: boolean, options: ResultOptions = {}): IDataObject {
	const counts = countStatuses(records);
	const summary: IDataObject = {
		dryRun,
		total: records.length,
		...counts,
		batches: batches.map((batch) => ({ ...batch })),
		notSent: records
			.filter((record) => record.status !== 'sent' && record.status !== 'ready')
			.map((record) => contactResult(record, options)),
	};
	const notes = encodingNotes(records);
	if (notes.length > 0) summary.encoding = notes;
	return summary;
}
