import type { IDataObject } from 'n8n-workflow';

import { CONTACT_STATUSES, type ContactRecord, type ContactStatus } from './types';

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

/** The output JSON of one contact. */
export function contactResult(record: ContactRecord): IDataObject {
	const result: IDataObject = {
		status: record.status ?? 'failed',
		reason: record.reason ?? null,
		phone: record.phones[0] ?? null,
		rawPhone: record.contact.rawPhones[0] ?? null,
		itemIndex: record.itemIndex,
		row: record.row,
		batch: record.batch ?? null,
		contact: { ...record.contact.fields },
	};
	if (record.phones.length > 1) result.phones = [...record.phones];
	if (record.duplicateOf) {
		result.duplicateOf = {
			itemIndex: record.duplicateOf.itemIndex,
			row: record.duplicateOf.row,
			phone: record.duplicateOf.phones[0] ?? null,
		};
	}
	if (record.providerResponse) result.providerResponse = record.providerResponse;
	return result;
}

export function countStatuses(records: Iterable<ContactRecord>): Record<ContactStatus, number> {
	const counts = Object.fromEntries(CONTACT_STATUSES.map((status) => [status, 0])) as Record<ContactStatus, number>;
	for (const record of records) counts[record.status ?? 'failed']++;
	return counts;
}

/** The single summary item: counts, batches, and every contact that was not sent. */
export function summaryResult(records: ContactRecord[], batches: BatchReport[], dryRun: boolean): IDataObject {
	const counts = countStatuses(records);
	return {
		dryRun,
		total: records.length,
		...counts,
		batches: batches.map((batch) => ({ ...batch })),
		notSent: records
			.filter((record) => record.status !== 'sent' && record.status !== 'ready')
			.map(contactResult),
	};
}
