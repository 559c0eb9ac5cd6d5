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
import { osmTalkLeadProfile, toOsmTalkLead } from '../../profile';
import { listOf, osmTalkError, osmTalkRequest, osmTalkSend } from '../../transport';
import { LEADS_ACCEPTED_FROM, campaignIdProperty, campaignPath, currentStatus, stateError } from '../campaign/common';

const properties: INodeProperties[] = [
	campaignIdProperty,
	...contactUploadProperties(osmTalkLeadProfile(), {
		// OSMTalk's documentation is written for Indian numbers (+91, Asia/Kolkata).
		defaultCountry: 'IN',
		extraOptions: [
			{
				displayName: 'Check OSMTalk Do-Not-Call List',
				name: 'checkProviderDnc',
				type: 'boolean',
				default: false,
				description:
					"Whether to read OSMTalk's Do-Not-Call list first and not upload the numbers on it (OSMTalk would otherwise store them and end them as dnc_blocked without calling)",
			},
		],
	}),
];

const displayOptions = { show: { resource: ['lead'], operation: ['add'] } };

export const description = updateDisplayOptions(displayOptions, properties);

function campaignIdOf(context: IExecuteFunctions, target: UploadTarget): string {
	const id = String(target.parameters.campaignId ?? '').trim();
	if (id === '') throw new NodeOperationError(context.getNode(), 'Campaign ID is empty', { itemIndex: target.itemIndex });
	return id;
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

function errorReason(entry: unknown): string {
	if (typeof entry === 'string') return entry;
	const { error, message, reason } = (entry ?? {}) as IDataObject;
	const text = error ?? message ?? reason;
	return typeof text === 'string' ? text : JSON.stringify(entry);
}

/*
 * Wire format: the JSON array `{ "leads": [{ "phoneNumber", "variables" }] }`, never CSV, although
 * OSMTalk calls CSV "preferred for spreadsheet exports". By the time a batch is sent the pipeline has
 * already parsed, mapped and normalized every contact, so nothing a CSV file offers is left, and
 * JSON is the exact format:
 * - the phone travels in its own `phoneNumber` field, so no other column can be taken for the phone
 *   column (OSMTalk finds a CSV's phone column by name: phone, phone_number, number, phoneNumber);
 * - each lead carries its own variables: items of different shapes need no union header padded with
 *   empty cells that would become empty prompt variables;
 * - no quoting: commas, quotes, newlines or a leading "=" in a value cannot shift or break a row;
 * - lead i of the body is contact i of the batch, so `csvErrors` map back onto contacts by row.
 * The CSV limits (≤ 50,000 leads, ≤ 50 columns besides the phone, ≤ 4,000 characters a cell,
 * column names of 1–64 allowed characters that do not collide with the phone column) are checked
 * locally on every lead all the same (profile.ts), so a lead is refused here, with its reason,
 * rather than by OSMTalk.
 */
async function sendBatch(
	this: IExecuteFunctions,
	target: UploadTarget,
	batch: ContactRecord[],
	position: { batch: number; batches: number },
): Promise<BatchSent | BatchRejected> {
	const campaignId = campaignIdOf(this, target);
	const result = await osmTalkSend.call(
		this,
		{ method: 'POST', path: campaignPath(campaignId, '/leads'), body: { leads: batch.map(toOsmTalkLead) } },
		{ maxRetries: uploadOptions(this).maxRetries },
	);
	if (!result.ok) throw osmTalkError(this, result, { doing: `uploading leads to campaign "${campaignId}"` });
	const { response } = result;
	const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	const byPhone = new Map<string, ContactRecord | null>();
	for (const record of batch) byPhone.set(record.phones[0], byPhone.has(record.phones[0]) ? null : record);
	const csvErrors = Array.isArray(body.csvErrors) ? (body.csvErrors as unknown[]) : [];

	if (response.statusCode === 400) {
		// Refused as a whole because of named leads: mark them invalid; the pipeline re-sends the rest.
		const rejected = csvErrors
			.map((entry) => ({ record: erroredRecord(entry, batch, byPhone), reason: errorReason(entry) }))
			.filter((entry): entry is { record: ContactRecord; reason: string } => entry.record !== undefined);
		if (rejected.length > 0) return { rejected };
		const status = await currentStatus(this, campaignId, response.body);
		if (status && !LEADS_ACCEPTED_FROM.includes(status)) {
			throw stateError(this, { what: 'add leads to', hintKey: 'addLeads', campaignId, status, allowedFrom: LEADS_ACCEPTED_FROM, result });
		}
	}
	if (response.statusCode >= 300) {
		throw osmTalkError(this, result, {
			doing: `uploading leads to campaign "${campaignId}"`,
			notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.`,
		});
	}
	if (!response.bodyIsJson) {
		return { providerResponse: { httpCode: response.statusCode, note: 'OSMTalk accepted the batch but its answer was not valid JSON' } };
	}

	const outcomes = new Map<ContactRecord, { status: ContactStatus; reason: string }>();
	let unmatched = 0;
	for (const entry of csvErrors) {
		const record = erroredRecord(entry, batch, byPhone);
		if (!record) {
			unmatched++;
			continue;
		}
		outcomes.set(record, {
			status: 'invalid',
			reason: `rejected by OSMTalk: ${errorReason(entry)} (batch ${position.batch} of ${position.batches}; the other leads were stored)`,
		});
	}
	const providerResponse: IDataObject = {
		campaignId,
		inserted: body.inserted ?? null,
		csvErrors: csvErrors.length,
	};
	if (unmatched > 0) {
		providerResponse.unmatchedCsvErrors = csvErrors.filter((entry) => !erroredRecord(entry, batch, byPhone)) as IDataObject[];
	}
	return { providerResponse, outcomes };
}

/** Reads OSMTalk's Do-Not-Call list, to leave its numbers out before sending. */
async function osmTalkDoNotCall(this: IExecuteFunctions, target: UploadTarget): Promise<Set<string> | undefined> {
	if (uploadOptions(this).checkProviderDnc !== true) return undefined;
	const body = await osmTalkRequest.call(this, { method: 'GET', path: '/api/campaigns/dnc' }, { itemIndex: target.itemIndex, doing: 'reading the Do-Not-Call list' });
	const numbers = new Set<string>();
	for (const entry of listOf(body, 'entries')) {
		const raw = String(entry.phoneNumber ?? entry.phone ?? '');
		const check = normalizeToE164(raw);
		numbers.add(check.ok ? check.phone : raw);
	}
	return numbers;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeContactUpload.call(this, {
		profile: osmTalkLeadProfile(),
		targetParameters: ['campaignId'],
		providerDoNotCall: osmTalkDoNotCall,
		sendBatch,
	});
}
