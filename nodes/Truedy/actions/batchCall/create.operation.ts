import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INode,
	type INodeProperties,
} from 'n8n-workflow';

import type { Confirmation } from '../../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation, type SendBatchArgs } from '../../../shared/contacts/uploadOperation';
import { forEachItem } from '../../../shared/items';
import type { ClientRequest, ProviderSession } from '../../../shared/transport/client';
import type { ProviderResponse, SendResult } from '../../../shared/transport/http';
import { requestOptionsProperty } from '../../descriptions/batchCall';
import { createFields } from '../../descriptions/createFields';
import { confirmAddedContacts, rejectedContacts } from '../../helpers/contactAnswers';
import { batchCallFields } from '../../helpers/parameters';
import { idempotencyKey } from '../../idempotency';
import { toTruedyContact, truedyProfile } from '../../profile';
import { dataOf, truedyClient } from '../../transport';

const targetProperties: INodeProperties[] = [
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
	createFields,
];

const contactsFromProperty: INodeProperties = {
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
};

interface CreateTarget {
	/** The create body without the inline contacts. */
	body: IDataObject;
	/** Identifies the batch call this target creates, within one execution. */
	key: string;
	node: INode;
	itemIndex: number;
}

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

/** POST /batch-calls with a key derived from the body: a retry or a re-run gets the batch call already created. */
function createRequest(body: IDataObject): ClientRequest {
	const path = '/batch-calls';
	return { method: 'POST', path, body, headers: { 'X-Idempotency-Key': idempotencyKey('POST', path, body) } };
}

const agentNotFound = (body: IDataObject) => `Check the Agent ID: Truedy has no agent "${String(body.agent_id)}" on this account.`;

/** Per target of one execution: the batch call its first batch created, or why there is none. */
interface Creation {
	id?: string;
	/** The batch whose create is still to be confirmed (a re-send of it is the same create). */
	batch?: number;
	failure?: string;
}

const creations = new WeakMap<ProviderSession, Map<string, Creation>>();

/** What an answer is about: a create (with the contact sources it named) or an add to a batch call. */
const answered = new WeakMap<ProviderResponse, { created: boolean; batchCallId?: string; otherSources: boolean }>();

const idOf = (body: unknown) => {
	const id = dataOf((body ?? {}) as IDataObject).id;
	return typeof id === 'string' && id !== '' ? id : undefined;
};

async function sendBatch({ session, target, batch, position }: SendBatchArgs<CreateTarget>): Promise<SendResult> {
	let state = creations.get(session);
	if (!state) creations.set(session, (state = new Map()));
	const known = state.get(target.key);
	if (known?.id) {
		const result = await session.send({
			method: 'POST',
			path: `/batch-calls/${encodeURIComponent(known.id)}/contacts`,
			body: { contacts: batch.map((record) => toTruedyContact(record, false)) },
		});
		if (result.response) answered.set(result.response, { created: false, batchCallId: known.id, otherSources: false });
		return result;
	}
	if (known && known.batch !== position.batch) {
		// Creating again with these contacts could make a second batch call: they are not sent.
		const why = known.failure ?? "Truedy's answer to the create did not give the batch call's ID";
		throw new NodeOperationError(target.node, `Not sent: the batch call of this upload was not created (${why})`, {
			itemIndex: target.itemIndex,
		});
	}
	const body: IDataObject = { ...target.body, contact_source: target.body.contact_source ?? 'manual' };
	body.contacts = batch.map((record) => toTruedyContact(record, true));
	const result = await session.send(createRequest(body));
	const { response } = result;
	if (response) {
		answered.set(response, { created: true, otherSources: body.contact_ids !== undefined || body.contact_folder_id !== undefined });
	}
	if (result.ok && response && response.statusCode < 300) {
		const id = idOf(response.body);
		state.set(target.key, id ? { id } : { batch: position.batch });
	} else if (!(response && rejectedContacts(response, batch)?.length)) {
		state.set(target.key, { batch: position.batch, failure: session.error(result).message });
	}
	return result;
}

/**
 * What a create answer confirms. Truedy documents no create answer; it returns the batch call,
 * whose `total_contacts` counts the inline contacts when they are its only contacts (with Contact
 * IDs or a folder it counts those too, and so confirms nothing about these).
 */
function confirm(body: IDataObject, batch: ContactRecord[], response: ProviderResponse): Confirmation {
	const data = dataOf(body);
	const about = answered.get(response);
	if (!about?.created) return confirmAddedContacts(data, batch, { batch_call_id: about?.batchCallId ?? null, ...data });
	const answer: IDataObject = { batch_call_id: idOf(body) ?? null, created: true, ...data };
	const total = data.total_contacts;
	const stored = !about.otherSources && typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
	return { answer, stored };
}

const upload = contactUploadOperation<CreateTarget>({
	resource: 'batchCall',
	operation: 'create',
	profile: truedyProfile,
	client: truedyClient,
	targetProperties,
	readTarget: (context, parameters, itemIndex) => ({
		body: createBody(context, parameters, itemIndex),
		key: JSON.stringify(parameters),
		node: context.getNode(),
		itemIndex,
	}),
	country: { default: 'US' },
	// The create carries an idempotency key and Truedy skips a number already in the batch call:
	// a batch sent twice is stored once.
	repeat: 'deduplicated',
	sendBatch,
	answer: { rejected: rejectedContacts, confirm },
});

const targetNames = new Set(targetProperties.map((property) => property.name));

export const description: INodeProperties[] = [
	...upload.description.filter((property) => targetNames.has(property.name)),
	...updateDisplayOptions({ show: { resource: ['batchCall'], operation: ['create'] } }, [contactsFromProperty]),
	...updateDisplayOptions(
		{ show: { contactsFrom: ['input'] } },
		upload.description.filter((property) => !targetNames.has(property.name)),
	),
	...updateDisplayOptions({ show: { resource: ['batchCall'], operation: ['create'], contactsFrom: ['none'] } }, [requestOptionsProperty]),
];

/** One batch call per item, its contacts from a folder or contact IDs. */
async function createWithoutContacts(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const session = await truedyClient.session(this);
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
		return dataOf(await session.request(createRequest(body), { itemIndex, notFound: agentNotFound(body) }));
	});
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const from = this.getNodeParameter('contactsFrom', 0, 'input') as string;
	if (from === 'none') return await createWithoutContacts.call(this);
	return await upload.execute.call(this);
}
