import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import type { ContactRecord, ContactStatus } from '../../../shared/contacts/types';
import {
	executeContactUpload,
	uploadOptions,
	type BatchRejected,
	type BatchSent,
	type UploadTarget,
} from '../../../shared/contacts/upload';
import { providerError } from '../../../shared/transport/http';
import { toVoiceGenieContact, voiceGenieProfile } from '../../profile';
import {
	voiceGenieErrorText,
	voiceGenieRateOptions,
	voiceGenieSendOptions,
	voiceGenieUpload,
	type VoiceGenieSendOptions,
} from '../../transport';
import { campaignFields, campaignProperties } from './common';

const properties: INodeProperties[] = [
	...campaignProperties,
	...contactUploadProperties(voiceGenieProfile, { defaultCountry: 'IN', extraOptions: voiceGenieRateOptions }),
];

const displayOptions = { show: { resource: ['campaign'], operation: ['createOrUpdate'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** `contacts[3]`, `contacts[3].phone_number` or `contacts.3.phone_number` → 3. */
const CONTACT_FIELD = /^contacts(?:\[(\d+)\]|\.(\d+))/;

/**
 * Which contact of the request an entry of `errors[]` concerns. VoiceGenie does not document the
 * entry's shape; this node reads `index` (0-based position in the request's `contacts`) first,
 * then `row` (1-based), then `phone_number` / `phone` matched against the numbers sent.
 */
export function errorContact(entry: IDataObject, batch: ContactRecord[]): ContactRecord | undefined {
	const phone = typeof entry.phone_number === 'string' ? entry.phone_number : typeof entry.phone === 'string' ? entry.phone : undefined;
	const byIndex = typeof entry.index === 'number' ? batch[entry.index] : typeof entry.row === 'number' ? batch[entry.row - 1] : undefined;
	if (byIndex && (phone === undefined || byIndex.phones[0] === phone)) return byIndex;
	if (phone !== undefined) return batch.find((record) => record.phones[0] === phone);
	return undefined;
}

function errorOutcome(entry: IDataObject, campaign: string): { status: ContactStatus; reason: string } {
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

async function sendBatch(
	context: IExecuteFunctions,
	sendOptions: VoiceGenieSendOptions,
	target: UploadTarget,
	batch: ContactRecord[],
): Promise<BatchSent | BatchRejected> {
	const fields = campaignFields(context, target.parameters, target.itemIndex);
	const campaign = String(fields.campaign_name);
	const result = await voiceGenieUpload.call(context, { ...fields, contacts: batch.map(toVoiceGenieContact) }, sendOptions);
	if (!result.ok) throw providerError(context, 'VoiceGenie', result, voiceGenieErrorText);
	const { response } = result;
	const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;

	if (response.statusCode === 400) {
		// A 400 whose details name one contact (`contacts[3].phone_number`) refuses that contact only.
		const details = (body.details ?? {}) as IDataObject;
		const match = typeof details.field === 'string' ? CONTACT_FIELD.exec(details.field) : null;
		const record = match ? batch[Number(match[1] ?? match[2])] : undefined;
		if (record) {
			const issue = typeof details.issue === 'string' ? details.issue : String(body.message ?? 'refused');
			return { rejected: [{ record, reason: `${String(details.field)}: ${issue}` }] };
		}
	}
	if (response.statusCode >= 300 || body.success === false) {
		throw providerError(context, 'VoiceGenie', { response }, voiceGenieErrorText);
	}
	if (!response.bodyIsJson) {
		return { providerResponse: { httpCode: response.statusCode, note: 'VoiceGenie accepted the batch but its answer was not valid JSON' } };
	}

	const data = (body.data ?? {}) as IDataObject;
	const errors = Array.isArray(data.errors) ? (data.errors as IDataObject[]) : [];
	const failedCount = typeof data.failed_count === 'number' ? data.failed_count : errors.length;
	const outcomes = new Map<ContactRecord, { status: ContactStatus; reason: string }>();
	const unmatched: IDataObject[] = [];
	for (const entry of errors) {
		const record = entry && typeof entry === 'object' ? errorContact(entry, batch) : undefined;
		if (record && !outcomes.has(record)) outcomes.set(record, errorOutcome(entry, campaign));
		else unmatched.push(entry);
	}
	const providerResponse: IDataObject = {
		campaign_id: data.campaign_id ?? null,
		uploaded_count: data.uploaded_count ?? null,
		failed_count: failedCount,
	};
	const unattributed = failedCount - outcomes.size;
	if (unattributed > 0) {
		if (failedCount >= batch.length && outcomes.size === 0) {
			// Every contact failed and none is named: all of them did.
			for (const record of batch) outcomes.set(record, { status: 'failed', reason: 'VoiceGenie reported every contact of the request as failed, without a reason' });
		} else {
			providerResponse.unattributed_failures = unattributed;
			if (unmatched.length > 0) providerResponse.unmatched_errors = unmatched.slice(0, 20);
			const note = `accepted by VoiceGenie, which reported ${unattributed} failed contact(s) of this request that it did not identify`;
			for (const record of batch) if (!outcomes.has(record)) outcomes.set(record, { status: 'sent', reason: note });
		}
	}
	return { providerResponse, outcomes };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const sendOptions = voiceGenieSendOptions(uploadOptions(this) as IDataObject);
	return await executeContactUpload.call(this, {
		profile: voiceGenieProfile,
		targetParameters: ['campaignName', 'scriptId', 'scheduleTime'],
		sendBatch: async (target, batch) => await sendBatch(this, sendOptions, target, batch),
	});
}
