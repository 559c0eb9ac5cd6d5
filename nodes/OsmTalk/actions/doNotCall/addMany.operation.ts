import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import type { ContactRecord } from '../../../shared/contacts/types';
import { executeContactUpload, uploadOptions, type BatchRejected, type BatchSent, type UploadTarget } from '../../../shared/contacts/upload';
import { DNC_SOURCES, osmTalkDncProfile } from '../../profile';
import { osmTalkError, osmTalkSend } from '../../transport';
import { sourceProperty } from './common';

/** Upload options that make no sense for a Do-Not-Call list (no variables; it is itself the list). */
const NOT_FOR_DNC = new Set(['doNotCallNumbers', 'variableFields']);

const uploadProperties = contactUploadProperties(osmTalkDncProfile, { defaultCountry: 'IN' }).map((property) =>
	property.name === 'options' && Array.isArray(property.options)
		? { ...property, options: (property.options as INodeProperties[]).filter((option) => !NOT_FOR_DNC.has(option.name)) }
		: property,
);

const properties: INodeProperties[] = [
	{ ...sourceProperty, description: 'Where the entries came from, as OSMTalk records it (the same for every number of this run)' },
	...uploadProperties,
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['addMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const ENTRY_INDEX = /entries\[(\d+)\]/;

async function sendBatch(
	this: IExecuteFunctions,
	target: UploadTarget,
	batch: ContactRecord[],
): Promise<BatchSent | BatchRejected> {
	const source = String(target.parameters.source ?? '');
	const entries = batch.map((record) => {
		const entry: IDataObject = { phoneNumber: record.phones[0], source };
		if (record.contact.fields.reason) entry.reason = record.contact.fields.reason;
		return entry;
	});
	const result = await osmTalkSend.call(
		this,
		{ method: 'POST', path: '/api/campaigns/dnc/bulk', body: { entries } },
		{ maxRetries: uploadOptions(this).maxRetries },
	);
	if (!result.ok) throw osmTalkError(this, result, { doing: 'adding numbers to the Do-Not-Call list' });
	const { response } = result;
	const body = (response.body && typeof response.body === 'object' ? response.body : {}) as IDataObject;
	if (response.statusCode === 400 && Array.isArray(body.details)) {
		// A refusal that names entries (`entries[3].phoneNumber: …`): drop them, the rest is re-sent.
		const rejected: BatchRejected['rejected'] = [];
		for (const detail of body.details as IDataObject[]) {
			const match = ENTRY_INDEX.exec(String(detail?.field ?? detail?.path ?? ''));
			const record = match ? batch[Number(match[1])] : undefined;
			if (record && !rejected.some((entry) => entry.record === record)) {
				rejected.push({ record, reason: String(detail.message ?? detail.error ?? 'refused') });
			}
		}
		if (rejected.length > 0) return { rejected };
	}
	if (response.statusCode >= 300) throw osmTalkError(this, result, { doing: 'adding numbers to the Do-Not-Call list' });
	const inserted = typeof body.inserted === 'number' ? body.inserted : undefined;
	const providerResponse: IDataObject = {
		inserted: inserted ?? null,
		// Numbers already on the list are ignored by OSMTalk ("Duplicates ignored").
		alreadyListed: inserted === undefined ? null : batch.length - inserted,
	};
	if (!response.bodyIsJson) providerResponse.note = 'OSMTalk accepted the batch but its answer was not valid JSON';
	return { providerResponse };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const source = String(this.getNodeParameter('source', itemIndex, 'api'));
		if (!DNC_SOURCES.includes(source)) {
			throw new NodeOperationError(this.getNode(), `Source "${source}" is not one of ${DNC_SOURCES.join(', ')}`, { itemIndex });
		}
	}
	return await executeContactUpload.call(this, {
		profile: osmTalkDncProfile,
		targetParameters: ['source'],
		sendBatch,
	});
}
