/** How VoiceGenie's answer to /uploadCampaignData is read, contact by contact. */
import type { IDataObject } from 'n8n-workflow';

import type { BatchAnswerReader, Confirmation, Outcome, Rejection } from '../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../shared/contacts/types';
import type { ProviderResponse } from '../../shared/transport/http';

/** `contacts[3]`, `contacts[3].phone_number` or `contacts.3.phone_number` → 3. */
const CONTACT_FIELD = /^contacts(?:\[(\d+)\]|\.(\d+))/;

/** Unmatched entries of `errors[]` kept in the answer, at most. */
const MAX_UNMATCHED = 20;

/**
 * Which contact of the request an entry of `errors[]` concerns. VoiceGenie does not document the
 * entry's shape; this node reads `index` (0-based position in the request's `contacts`) first,
 * then `row` (1-based), then `phone_number` / `phone` matched against the numbers sent.
 */
export function errorContact(entry: IDataObject, batch: ContactRecord[]): ContactRecord | undefined {
	const phone = typeof entry.phone_number === 'string' ? entry.phone_number : typeof entry.phone === 'string' ? entry.phone : undefined;
	const byIndex = typeof entry.index === 'number' ? batch[entry.index] : typeof entry.row === 'number' ? batch[entry.row - 1] : undefined;
	if (byIndex && (phone === undefined || byIndex.phone === phone)) return byIndex;
	if (phone !== undefined) return batch.find((record) => record.phone === phone);
	return undefined;
}

/** The fate of a contact an entry of `errors[]` names: a skipped duplicate, a refused value, or a failure. */
export function errorOutcome(entry: IDataObject, campaign: string): Outcome {
	const code = typeof entry.error === 'string' ? entry.error : typeof entry.code === 'string' ? entry.code : '';
	const message =
		[entry.message, entry.reason, entry.issue].find((value): value is string => typeof value === 'string' && value !== '') ?? '';
	const text = [code, message].filter(Boolean).join(': ') || 'no reason given';
	if (/duplicate/i.test(`${code} ${message}`)) {
		return { status: 'duplicate', reason: `VoiceGenie skipped it: the number is already in campaign "${campaign}" (${text})` };
	}
	if (/invalid|missing|format|required/i.test(`${code} ${message}`)) {
		return { status: 'invalid', reason: `rejected by VoiceGenie: ${text}` };
	}
	return { status: 'failed', reason: `VoiceGenie did not upload it: ${text}` };
}

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * `success: true` with `uploaded_count` confirms that many of the contacts `errors[]` does not
 * name. None uploaded and no failure left unnamed: VoiceGenie skipped them as numbers already in
 * the campaign ("duplicate phone numbers within the same campaign will be automatically skipped").
 */
export function confirmUpload(body: IDataObject, batch: ContactRecord[], campaign: string): Confirmation {
	const data = (body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : {}) as IDataObject;
	const errors = Array.isArray(data.errors) ? (data.errors as unknown[]) : [];
	const outcomes = new Map<ContactRecord, Outcome>();
	const unmatched: unknown[] = [];
	for (const entry of errors) {
		const record = entry && typeof entry === 'object' ? errorContact(entry as IDataObject, batch) : undefined;
		if (record && !outcomes.has(record)) outcomes.set(record, errorOutcome(entry as IDataObject, campaign));
		else unmatched.push(entry);
	}
	const uploaded = count(data.uploaded_count);
	const failed = count(data.failed_count);
	const answer: IDataObject = {
		campaign_id: data.campaign_id ?? null,
		uploaded_count: data.uploaded_count ?? null,
		failed_count: data.failed_count ?? null,
	};
	if (body.success !== true) answer.success = body.success ?? null;
	if (unmatched.length > 0) answer.unmatched_errors = unmatched.slice(0, MAX_UNMATCHED) as IDataObject[];
	const unnamedFailures = Math.max(0, (failed ?? 0) - outcomes.size);
	const noneStored: Outcome =
		unnamedFailures === 0
			? { status: 'duplicate', reason: `VoiceGenie uploaded none of them and named no error: it skips numbers already in campaign "${campaign}"` }
			: { status: 'failed', reason: `VoiceGenie uploaded none of them and reported ${unnamedFailures} failed without naming which or why` };
	return { answer, outcomes, stored: body.success === true ? uploaded : undefined, noneStored };
}

/** A 400 whose `details.field` names one contact (`contacts[3].phone_number`) refuses that contact only. */
export function rejectedContacts(response: ProviderResponse, batch: ContactRecord[]): Rejection[] | undefined {
	if (response.statusCode !== 400 || !response.body || typeof response.body !== 'object') return undefined;
	const body = response.body as IDataObject;
	const details = (body.details && typeof body.details === 'object' ? body.details : {}) as IDataObject;
	const match = typeof details.field === 'string' ? CONTACT_FIELD.exec(details.field) : null;
	const record = match ? batch[Number(match[1] ?? match[2])] : undefined;
	if (!record) return undefined;
	const issue = typeof details.issue === 'string' ? details.issue : String(body.message ?? 'refused');
	return [{ record, reason: `${String(details.field)}: ${issue}` }];
}

/** The reader of an upload's answers; `campaignOf` names the campaign a batch went to, for the reasons. */
export function uploadAnswerReader(campaignOf: (batch: ContactRecord[]) => string): BatchAnswerReader {
	return {
		rejected: rejectedContacts,
		confirm: (body, batch) => confirmUpload(body, batch, campaignOf(batch)),
	};
}
