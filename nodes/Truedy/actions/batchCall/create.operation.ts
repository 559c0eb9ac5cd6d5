import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import type { ContactRecord } from '../../../shared/contacts/types';
import {
	executeContactUpload,
	uploadOptions,
	type BatchRejected,
	type BatchSent,
	type UploadTarget,
} from '../../../shared/contacts/upload';
import { forEachItem } from '../../../shared/items';
import { providerError } from '../../../shared/transport/http';
import { idempotencyKey } from '../../idempotency';
import { toTruedyContact, truedyProfile } from '../../profile';
import {
	truedyErrorText,
	truedyLimiter,
	truedyRequestOptions,
	truedySend,
	type TruedySendOptions,
} from '../../transport';
import {
	addContactsBatch,
	batchCallFields,
	readContactsAnswer,
	requestOptionsProperty,
	settingsFields,
} from './common';

const contactUpload = contactUploadProperties(truedyProfile, { defaultCountry: 'US', extraOptions: truedyRequestOptions });

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Q4 Sales Follow-up',
		description: 'Name of the batch call (1–255 characters)',
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'agt_f9447372',
		description: 'The Truedy agent that places the calls',
	},
	{
		displayName: 'Contacts',
		name: 'contactsFrom',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'From Input (Inline Contacts)',
				value: 'input',
				description:
					'Input items or a CSV file are the contacts: one batch call is created with them; contacts beyond the first request are added to it',
			},
			{
				name: 'None (Folder or Contact IDs)',
				value: 'none',
				description: 'One batch call per input item, with contacts from a Truedy folder or existing contact IDs (Additional Fields)',
			},
		],
		default: 'input',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Contact Folder ID',
				name: 'contact_folder_id',
				type: 'string',
				default: '',
				description: 'Truedy contact folder whose contacts are copied into the batch call (with Contact Source: Folder)',
			},
			{
				displayName: 'Contact IDs',
				name: 'contact_ids',
				type: 'string',
				default: '',
				placeholder: 'ctc_aaaa, ctc_bbbb',
				description: 'Existing Truedy contact IDs to add, separated by commas',
			},
			{
				displayName: 'Contact Source',
				name: 'contact_source',
				type: 'options',
				options: [
					{ name: 'CSV', value: 'csv' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Manual', value: 'manual' },
				],
				default: 'manual',
				description: 'Where Truedy records the contacts as coming from; inline contacts default to Manual',
			},
			...settingsFields('create'),
			{
				displayName: 'Schedule Type',
				name: 'schedule_type',
				type: 'options',
				options: [
					{ name: 'Immediate', value: 'immediate' },
					{ name: 'Scheduled', value: 'scheduled' },
				],
				default: 'immediate',
				description: 'Whether the batch call starts at once or at Scheduled At',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: 'UTC',
				placeholder: 'America/New_York',
				description: 'IANA timezone of the schedule and the daily calling window',
			},
		].sort((a, b) => a.displayName.localeCompare(b.displayName)) as INodeProperties[],
	},
	...updateDisplayOptions({ show: { contactsFrom: ['input'] } }, contactUpload),
	...updateDisplayOptions({ show: { contactsFrom: ['none'] } }, [requestOptionsProperty]),
];

const displayOptions = { show: { resource: ['batchCall'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** The create body from the node's parameters (everything but the inline contacts). */
function createBody(context: IExecuteFunctions, parameters: IDataObject, itemIndex: number): IDataObject {
	const name = String(parameters.name ?? '').trim();
	const agentId = String(parameters.agentId ?? '').trim();
	if (name === '' || name.length > 255) {
		throw new NodeOperationError(context.getNode(), `Name must be 1–255 characters, got ${name.length}`, { itemIndex });
	}
	if (agentId === '') throw new NodeOperationError(context.getNode(), 'Agent ID is empty', { itemIndex });
	const fields = batchCallFields(context, (parameters.additionalFields ?? {}) as IDataObject, itemIndex);
	if (fields.schedule_type === 'scheduled' && fields.scheduled_at === undefined) {
		throw new NodeOperationError(context.getNode(), 'Scheduled At is required when Schedule Type is Scheduled', { itemIndex });
	}
	if (fields.contact_source === 'folder' && fields.contact_folder_id === undefined) {
		throw new NodeOperationError(context.getNode(), 'Contact Folder ID is required when Contact Source is Folder', { itemIndex });
	}
	return { name, agent_id: agentId, ...fields };
}

/** POST /batch-calls with an idempotency key derived from the body: a retry cannot create a second one. */
async function postBatchCall(context: IExecuteFunctions, body: IDataObject, options: TruedySendOptions) {
	const path = '/batch-calls';
	return await truedySend.call(
		context,
		{ method: 'POST', path, body, headers: { 'X-Idempotency-Key': idempotencyKey('POST', path, body) } },
		options,
	);
}

async function createWithContacts(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = uploadOptions(this);
	const sendOptions: TruedySendOptions = {
		limiter: truedyLimiter(options as { rateLimit?: number; rateLimitWindow?: number }),
		maxRetries: options.maxRetries,
	};
	// Per target (name, agent, fields): the batch call created by its first batch, or why not.
	const created = new Map<string, { id?: string; failure?: string }>();

	const sendBatch = async (target: UploadTarget, batch: ContactRecord[]): Promise<BatchSent | BatchRejected> => {
		const key = JSON.stringify(target.parameters);
		const known = created.get(key);
		if (known?.id) return await addContactsBatch(this, known.id, batch, sendOptions);
		if (known?.failure) {
			throw new NodeApiError(this.getNode(), { message: known.failure } as JsonObject, {
				message: `not sent: the batch call was not created (${known.failure})`,
			});
		}
		const body = createBody(this, target.parameters, target.itemIndex);
		body.contact_source ??= 'manual';
		body.contacts = batch.map((record) => toTruedyContact(record, true));
		let answer: BatchSent | BatchRejected;
		try {
			const result = await postBatchCall(this, body, sendOptions);
			answer = readContactsAnswer(this, result, batch, { created: true });
		} catch (error) {
			created.set(key, { failure: (error as Error).message });
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: target.itemIndex });
		}
		if ('rejected' in answer) return answer;
		const id = answer.providerResponse.id;
		if (typeof id !== 'string' || id === '') {
			created.set(key, { failure: 'Truedy did not return the new batch call ID' });
			return answer;
		}
		created.set(key, { id });
		answer.providerResponse = { batch_call_id: id, ...answer.providerResponse };
		return answer;
	};

	return await executeContactUpload.call(this, {
		profile: truedyProfile,
		targetParameters: ['name', 'agentId', 'additionalFields'],
		sendBatch,
	});
}

async function createWithoutContacts(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const sendOptions: TruedySendOptions = {
		limiter: truedyLimiter(options as { rateLimit?: number; rateLimitWindow?: number }),
		maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : undefined,
	};
	return await forEachItem.call(this, async (itemIndex) => {
		const body = createBody(
			this,
			{
				name: this.getNodeParameter('name', itemIndex, ''),
				agentId: this.getNodeParameter('agentId', itemIndex, ''),
				additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}),
			},
			itemIndex,
		);
		const result = await postBatchCall(this, body, sendOptions);
		if (!result.ok || result.response.statusCode >= 300) {
			throw providerError(this, 'Truedy', result, truedyErrorText, { itemIndex });
		}
		const data = (result.response.body as IDataObject | null)?.data;
		return data && typeof data === 'object' ? (data as IDataObject) : { response: result.response.body as string };
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const from = this.getNodeParameter('contactsFrom', 0, 'input') as string;
	if (from === 'none') return await createWithoutContacts.call(this);
	return await createWithContacts.call(this);
}
