import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Confirmation, Outcome, Rejection } from '../../../shared/contacts/batchAnswers';
import { normalizeToE164 } from '../../../shared/contacts/phone';
import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import { requiredId } from '../../../shared/resourceLocator';
import { campaignIdProperty } from '../../descriptions/campaign';
import { anyreachProfile, toAnyreachContact } from '../../profile';
import { anyreachClient, anyreachDetail } from '../../transport';

/** Anyreach's configurations default to America/New_York; US is the likeliest country of local numbers. */
const ANYREACH_DEFAULT_COUNTRY = 'US';

interface UpsertTarget {
	campaignId: string;
}

const targetProperties: INodeProperties[] = [
	{
		...campaignIdProperty,
		description:
			'The campaign UUID or the external_id you gave the campaign; "default" holds ad-hoc contacts that belong to no campaign, whose numbers must carry their country code',
	},
	{
		displayName:
			"Contacts are matched by Contact ID, then by External ID, and updated; others are inserted. Numbers are normalized to E.164 before sending (Default Country for local numbers: set it to the country of the campaign configuration's default_country_code). A number that cannot be read is reported on its contact and never sent, since Anyreach would refuse the whole request.",
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
];

function readTarget(context: IExecuteFunctions, parameters: IDataObject, itemIndex: number): UpsertTarget {
	const campaignId = requiredId(context, parameters.campaignId, 'Campaign ID', itemIndex, 'Pick the campaign from the list, or give its UUID, its external_id, or "default" for ad-hoc contacts.');
	return { campaignId };
}

/** Every string in a JSON answer (where a 422 lists the numbers it could not parse). */
function stringsIn(value: unknown, found: string[] = [], depth = 0): string[] {
	if (depth > 6) return found;
	if (typeof value === 'string') found.push(value);
	else if (Array.isArray(value)) for (const entry of value) stringsIn(entry, found, depth + 1);
	else if (value && typeof value === 'object') for (const entry of Object.values(value)) stringsIn(entry, found, depth + 1);
	return found;
}

/** The contacts a validation error names by index (`loc` is `contacts.<i>…`). */
function rejectedByIndex(body: unknown, batch: ContactRecord[]): Map<ContactRecord, string> {
	const rejected = new Map<ContactRecord, string>();
	const detail = (body as IDataObject | null)?.detail;
	if (!Array.isArray(detail)) return rejected;
	for (const entry of detail as IDataObject[]) {
		const loc = Array.isArray(entry?.loc) ? (entry.loc as unknown[]) : [];
		const at = loc.indexOf('contacts');
		const index = at >= 0 ? Number(loc[at + 1]) : NaN;
		const record = Number.isInteger(index) ? batch[index] : undefined;
		if (record && !rejected.has(record)) {
			const field = loc.slice(at + 2).join('.');
			rejected.set(record, `${field ? `${field}: ` : ''}${String(entry.msg ?? 'invalid')} (HTTP 422)`);
		}
	}
	return rejected;
}

/**
 * The contacts a 422 names: by index, else by a phone number it lists as unparseable (matched on
 * the number as sent, in E.164, or as given). Anyreach stored none of the batch.
 */
function rejectedBy422(body: unknown, batch: ContactRecord[]): Rejection[] {
	const rejected = rejectedByIndex(body, batch);
	if (rejected.size === 0) {
		const byNumber = new Map<string, ContactRecord>();
		for (const record of batch) {
			for (const phone of record.phones) if (!byNumber.has(phone)) byNumber.set(phone, record);
			for (const raw of record.contact.rawPhones) if (!byNumber.has(raw.trim())) byNumber.set(raw.trim(), record);
		}
		for (const text of stringsIn(body)) {
			const candidates = [text.trim(), ...(text.match(/\+?\d[\d\s().-]{4,}\d/g) ?? []).map((part) => part.trim())];
			for (const candidate of candidates) {
				let record = byNumber.get(candidate);
				if (!record) {
					const check = normalizeToE164(candidate);
					if (check.ok) record = byNumber.get(check.phone);
				}
				if (record && !rejected.has(record)) rejected.set(record, `Anyreach could not parse ${candidate} into a valid E.164 number (HTTP 422)`);
			}
		}
	}
	return [...rejected].map(([record, reason]) => ({ record, reason }));
}

/** The contact ids Anyreach resolved, when the answer lists one per contact in request order. */
function resolvedIds(body: IDataObject, count: number): string[] | undefined {
	for (const key of ['ids', 'contact_ids', 'contacts', 'results']) {
		const value = body[key];
		if (!Array.isArray(value) || value.length !== count) continue;
		const ids = value.map((entry) =>
			typeof entry === 'string' ? entry : typeof (entry as IDataObject)?.id === 'string' ? ((entry as IDataObject).id as string) : '',
		);
		if (ids.every((id) => id !== '')) return ids;
	}
	return undefined;
}

/**
 * Anyreach answers an upsert with its counts (`inserted`, `updated`) and the resolved contact ids,
 * one per contact in request order: an id confirms its contact; otherwise the counts confirm as
 * many contacts as they add up to.
 */
function confirm(body: IDataObject, batch: ContactRecord[]): Confirmation {
	// The per-contact ids go on their contacts, not on every contact's copy of the batch answer.
	const answer: IDataObject = {};
	for (const [key, value] of Object.entries(body)) if (!Array.isArray(value)) answer[key] = value;
	const ids = resolvedIds(body, batch.length);
	if (ids) {
		const outcomes = new Map<ContactRecord, Outcome>();
		batch.forEach((record, index) => {
			outcomes.set(record, { status: 'sent', reason: `upserted by Anyreach as contact ${ids[index]} in batch ${record.batch ?? 1}` });
		});
		return { answer, outcomes, stored: 0 };
	}
	const { inserted, updated } = body;
	const counted = typeof inserted === 'number' && typeof updated === 'number';
	return { answer, stored: counted ? inserted + updated : undefined };
}

/**
 * A re-sent contact is matched again (by Contact ID, then External ID) and updated, not stored
 * twice; a contact without either key would be inserted again.
 */
const keyed = (record: ContactRecord) => record.contact.fields.id !== undefined || record.contact.fields.external_id !== undefined;

export const { description, execute } = contactUploadOperation<UpsertTarget>({
	resource: 'contact',
	operation: 'upsert',
	profile: anyreachProfile,
	client: anyreachClient,
	targetProperties,
	readTarget,
	country: { default: ANYREACH_DEFAULT_COUNTRY },
	repeat: (batch) => (batch.every(keyed) ? 'deduplicated' : 'stored again'),
	sendBatch: async ({ session, target, batch }) =>
		await session.send({
			method: 'POST',
			path: `/campaign/campaigns/${encodeURIComponent(target.campaignId)}/contacts`,
			body: { contacts: batch.map(toAnyreachContact) },
			repeat: batch.every(keyed) ? 'safe' : 'unsafe',
		}),
	answer: {
		rejected: (response, batch) => (response.statusCode === 422 ? rejectedBy422(response.body, batch) : undefined),
		refusal: async (response, result, session) => {
			// The documented 400 of an upload: the campaign is closed.
			if (response.statusCode !== 400 || !/closed/i.test(anyreachDetail(response.body) ?? '')) return undefined;
			return session.error(result, {
				doing: 'adding contacts',
				hints: { 400: 'A closed campaign takes no contacts and cannot be restarted: create a new campaign and upload to it.' },
			});
		},
		confirm,
	},
});
