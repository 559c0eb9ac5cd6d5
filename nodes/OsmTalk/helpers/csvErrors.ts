import type { IDataObject } from 'n8n-workflow';

import { normalizeToE164 } from '../../shared/contacts/phone';
import type { ContactRecord } from '../../shared/contacts/types';

/** One `csvErrors` entry matched to the lead it names. */
export interface LeadError {
	record: ContactRecord;
	text: string;
	/** The lead is already in the campaign: a duplicate, not an invalid lead. */
	duplicate: boolean;
}

/** OSMTalk's words for a lead it already holds in the campaign. */
const DUPLICATE_IN_CAMPAIGN = /^duplicate phone number in this campaign/i;

export function csvErrorsOf(body: IDataObject): unknown[] {
	return Array.isArray(body.csvErrors) ? (body.csvErrors as unknown[]) : [];
}

function errorText(entry: unknown): string {
	if (typeof entry === 'string') return entry;
	const { error, message, reason } = (entry ?? {}) as IDataObject;
	const text = error ?? message ?? reason;
	return typeof text === 'string' ? text : JSON.stringify(entry);
}

/** `csvErrors` entries name a lead by phone number, 0-based `index` or 1-based `row`; find which. */
function erroredRecord(entry: unknown, batch: ContactRecord[], byPhone: Map<string, ContactRecord | null>): ContactRecord | undefined {
	if (typeof entry === 'string') {
		const row = /\brow\s*#?\s*(\d+)/i.exec(entry);
		return row ? batch[Number(row[1]) - 1] : undefined;
	}
	if (!entry || typeof entry !== 'object') return undefined;
	const { phoneNumber, phone, index, row } = entry as IDataObject;
	const number = phoneNumber ?? phone;
	if (typeof number === 'string' && number !== '') {
		const check = normalizeToE164(number);
		const record = byPhone.get(check.ok ? check.phone : number);
		if (record) return record;
	}
	if (typeof index === 'number' && Number.isInteger(index)) return batch[index];
	if (typeof row === 'number' && Number.isInteger(row)) return batch[row - 1];
	return undefined;
}

/** The leads `csvErrors` names (each once), and the entries that name no lead of the batch. */
export function leadErrors(csvErrors: unknown[], batch: ContactRecord[]): { named: LeadError[]; unmatched: unknown[] } {
	const byPhone = new Map<string, ContactRecord | null>();
	for (const record of batch) byPhone.set(record.phones[0], byPhone.has(record.phones[0]) ? null : record);
	const named = new Map<ContactRecord, LeadError>();
	const unmatched: unknown[] = [];
	for (const entry of csvErrors) {
		const record = erroredRecord(entry, batch, byPhone);
		if (!record) unmatched.push(entry);
		else if (!named.has(record)) {
			const text = errorText(entry);
			named.set(record, { record, text, duplicate: DUPLICATE_IN_CAMPAIGN.test(text.trim()) });
		}
	}
	return { named: [...named.values()], unmatched };
}
