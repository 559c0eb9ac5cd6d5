import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import { normalizeToE164 } from '../../../shared/contacts/phone';
import type { ContactRecord, ContactStatus } from '../../../shared/contacts/types';
import {
	executeContactUpload,
	uploadOptions,
	type BatchRejected,
	type BatchSent,
	type UploadTarget,
} from '../../../shared/contacts/upload';
import { providerError } from '../../../shared/transport/http';
import { anyreachProfile, isAdHocCampaign, toAnyreachContact } from '../../profile';
import { anyreachDetail, anyreachErrorText, anyreachSend } from '../../transport';

/** Anyreach's configurations default to America/New_York; US is the likeliest country of local numbers. */
const ANYREACH_DEFAULT_COUNTRY = 'US';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '3f1c2b9e-… or crm-campaign-42',
		description:
			'The campaign UUID or the external_id you gave the campaign; "default" holds ad-hoc contacts that belong to no campaign, whose numbers must carry their country code',
	},
	{
		displayName:
			'Contacts are matched by Contact ID, then by External ID, and updated; others are inserted. Numbers are normalized to E.164 before sending (Default Country for local numbers: set it to the country of the campaign configuration\'s default_country_code). A number that cannot be read is reported on its contact and never sent, since Anyreach would refuse the whole request.',
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	...contactUploadProperties(anyreachProfile, {
		defaultCountry: ANYREACH_DEFAULT_COUNTRY,
		extraOptions: [
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 5,
				description: 'Retries of a request that got 408, 429, 5xx or a network error, with exponential backoff; Retry-After is honoured',
			},
		],
	}),
];

const displayOptions = { show: { resource: ['contact'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function campaignOf(context: IExecuteFunctions, target: UploadTarget): string {
	const campaignId = String(target.parameters.campaignId ?? '').trim();
	if (campaignId === '') {
		throw new NodeOperationError(context.getNode(), 'Campaign ID is empty', {
			itemIndex: target.itemIndex,
			description: 'Give the campaign UUID, its external_id, or "default" for ad-hoc contacts.',
		});
	}
	return campaignId;
}

/** Every string in a JSON answer (where a 422 lists the numbers it could not parse). */
function stringsIn(value: unknown, found: string[] = [], depth = 0): string[] {
	if (depth > 6) return found;
	if (typeof value === 'string') found.push(value);
	else if (Array.isArray(value)) for (const entry of value) stringsIn(entry, found, depth + 1);
	else if (value && typeof value === 'object') for (const entry of Object.values(value)) stringsIn(entry, found, depth + 1);
	return found;
}

/**
 * The contacts a 422 names: by index (a validation error whose `loc` is `contacts.<i>…`) or by a
 * phone number it lists as unparseable (matched on the number as sent or as given).
 */
function rejectedBy422(body: unknown, batch: ContactRecord[], country: string | undefined): BatchRejected['rejected'] {
	const rejected = new Map<ContactRecord, string>();
	const detail = (body as IDataObject | null)?.detail;
	if (Array.isArray(detail)) {
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
	}
	if (rejected.size > 0) return [...rejected].map(([record, reason]) => ({ record, reason }));

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
				const check = normalizeToE164(candidate, country);
				if (check.ok) record = byNumber.get(check.phone);
			}
			if (record && !rejected.has(record)) {
				rejected.set(record, `Anyreach could not parse ${candidate} into a valid E.164 number (HTTP 422)`);
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

async function sendBatch(
	this: IExecuteFunctions,
	target: UploadTarget,
	batch: ContactRecord[],
	position: { batch: number; batches: number },
): Promise<BatchSent | BatchRejected> {
	const campaignId = campaignOf(this, target);
	const options = uploadOptions(this);
	const result = await anyreachSend.call(
		this,
		{
			method: 'POST',
			path: `/campaign/campaigns/${encodeURIComponent(campaignId)}/contacts`,
			body: { contacts: batch.map(toAnyreachContact) },
		},
		{ maxRetries: options.maxRetries },
		target.itemIndex,
	);
	if (!result.ok) throw providerError(this, 'Anyreach', result, anyreachErrorText);
	const { response } = result;

	if (response.statusCode === 422) {
		const country = isAdHocCampaign(campaignId) ? undefined : (options.defaultCountry ?? ANYREACH_DEFAULT_COUNTRY);
		const rejected = rejectedBy422(response.body, batch, country);
		if (rejected.length > 0) return { rejected };
	}
	if (response.statusCode === 400) {
		const detail = anyreachDetail(response.body) ?? 'no error text';
		const closed = /closed/i.test(detail);
		throw providerError(this, 'Anyreach', result, anyreachErrorText, {
			message: closed
				? `campaign "${campaignId}" is closed and takes no contacts (HTTP 400: ${detail}); a closed campaign cannot be restarted: create a new campaign and upload to it`
				: `Anyreach refused the contacts for campaign "${campaignId}" (HTTP 400: ${detail})`,
		});
	}
	if (response.statusCode >= 300) throw providerError(this, 'Anyreach', result, anyreachErrorText);

	if (!response.bodyIsJson || !response.body || typeof response.body !== 'object') {
		return {
			providerResponse: { httpCode: response.statusCode, note: 'Anyreach accepted the batch but its answer was not JSON' },
		};
	}
	const body = response.body as IDataObject;
	const ids = resolvedIds(body, batch.length);
	// The per-contact ids go on their contacts, not on every contact's copy of the batch answer.
	const summary: IDataObject = {};
	for (const [key, value] of Object.entries(body)) if (!Array.isArray(value)) summary[key] = value;
	const outcomes = new Map<ContactRecord, { status: ContactStatus; reason: string }>();
	if (ids) {
		batch.forEach((record, index) => {
			outcomes.set(record, {
				status: 'sent',
				reason: `upserted by Anyreach as contact ${ids[index]} in batch ${position.batch} of ${position.batches}`,
			});
		});
	}
	return { providerResponse: summary, outcomes };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeContactUpload.call(this, {
		profile: anyreachProfile,
		targetParameters: ['campaignId'],
		defaultCountry: ANYREACH_DEFAULT_COUNTRY,
		sendBatch,
	});
}
