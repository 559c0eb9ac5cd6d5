import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { ContactRecord, ContactStatus } from '../../../shared/contacts/types';
import { forEachItem } from '../../../shared/items';
import type { BatchRejected, BatchSent } from '../../../shared/contacts/upload';
import { providerError, type SendResult } from '../../../shared/transport/http';
import { toTruedyContact } from '../../profile';
import {
	locText,
	truedyErrorText,
	truedyLimiter,
	truedyRequest,
	truedyRequestOptions,
	truedySend,
	validationIssues,
	type TruedySendOptions,
} from '../../transport';

export const batchCallIdProperty: INodeProperties = {
	displayName: 'Batch Call ID',
	name: 'batchCallId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'batch_c3d4e5f6',
	description: 'The ID of the Truedy batch call (campaign)',
};

export function batchCallIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('batchCallId', itemIndex, '') ?? '').trim();
	if (id === '') throw new NodeOperationError(context.getNode(), 'Batch Call ID is empty', { itemIndex });
	return id;
}

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 5,
	description: "Retries of a request that got 408, 429, 5xx or a network error; a 429 waits until Truedy's reset_at",
};

/** The Options collection of the operations that send one request per item. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [maxRetriesOption, ...truedyRequestOptions],
};

/** Pacing and retries for a whole execution, from the Options collection. */
export function sendOptionsOf(context: IExecuteFunctions): TruedySendOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		limiter: truedyLimiter(options as { rateLimit?: number; rateLimitWindow?: number }),
		maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : undefined,
	};
}

/** Comma-, semicolon- or newline-separated text (or an array from an expression) as a list of strings. */
export function listParameter(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((entry) => String(entry)) : String(value ?? '').split(/[\n,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks and converts the scheduling and settings fields shared by Create and Update. */
export function batchCallFields(context: IExecuteFunctions, fields: IDataObject, itemIndex: number): IDataObject {
	const body: IDataObject = {};
	const fail = (message: string) => new NodeOperationError(context.getNode(), message, { itemIndex });
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null || value === '') continue;
		switch (key) {
			case 'phone_number_ids':
			case 'contact_ids': {
				const list = listParameter(value);
				if (list.length > 0) body[key] = list;
				break;
			}
			case 'start_time':
			case 'end_time': {
				const text = String(value).trim();
				if (!HH_MM.test(text)) throw fail(`${key === 'start_time' ? 'Start Time' : 'End Time'} must be HH:MM (24-hour), got "${text}"`);
				body[key] = text;
				break;
			}
			case 'scheduled_at': {
				const text = String(value).trim();
				if (Number.isNaN(Date.parse(text))) throw fail(`Scheduled At must be a date and time (ISO 8601), got "${text}"`);
				body[key] = text;
				break;
			}
			case 'working_days': {
				const days = (Array.isArray(value) ? value : listParameter(value)).map(Number);
				if (days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
					throw fail('Working Days must be numbers from 1 (Monday) to 7 (Sunday)');
				}
				if (days.length > 0) body[key] = [...new Set(days)].sort();
				break;
			}
			case 'max_calls_per_day': {
				const count = Number(value);
				if (!Number.isInteger(count) || count < 1) throw fail(`Max Calls per Day must be a whole number of at least 1, got "${String(value)}"`);
				body[key] = count;
				break;
			}
			default:
				body[key] = value;
		}
	}
	return body;
}

/** The fields Create and Update share (Truedy's documented names), for their collections. */
export function settingsFields(operation: 'create' | 'update'): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'End Time',
			name: 'end_time',
			type: 'string',
			default: '',
			placeholder: '17:00',
			description: 'Daily end of the calling window, HH:MM',
		},
		{
			displayName: 'Max Calls per Day',
			name: 'max_calls_per_day',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'Calls to place per day, capped by your Truedy billing tier',
		},
		{
			displayName: 'Phone Number IDs',
			name: 'phone_number_ids',
			type: 'string',
			default: '',
			placeholder: 'num_1111, num_2222',
			description: "Truedy phone number IDs to call from, separated by commas; left empty, the agent's numbers are used",
		},
		{
			displayName: 'Phone Rotation Strategy',
			name: 'phone_rotation_strategy',
			type: 'options',
			options: [
				{ name: 'Random', value: 'random' },
				{ name: 'Round Robin', value: 'round_robin' },
				{ name: 'Sequential', value: 'sequential' },
			],
			default: 'random',
			description: 'How the outbound phone numbers take turns',
		},
		{
			displayName: 'Retry Failed',
			name: 'retry_failed',
			type: 'boolean',
			default: false,
			description: 'Whether Truedy retries failed calls automatically',
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduled_at',
			type: 'dateTime',
			default: '',
			description:
				operation === 'create'
					? 'When the batch call starts; required when Schedule Type is Scheduled'
					: 'New start of the batch call; Truedy redistributes contacts that are not completed',
		},
		{
			displayName: 'Start Time',
			name: 'start_time',
			type: 'string',
			default: '',
			placeholder: '09:00',
			description: 'Daily start of the calling window, HH:MM',
		},
		{
			displayName: 'Working Days',
			name: 'working_days',
			type: 'multiOptions',
			options: [
				{ name: 'Friday', value: 5 },
				{ name: 'Monday', value: 1 },
				{ name: 'Saturday', value: 6 },
				{ name: 'Sunday', value: 7 },
				{ name: 'Thursday', value: 4 },
				{ name: 'Tuesday', value: 2 },
				{ name: 'Wednesday', value: 3 },
			],
			default: [],
			description: 'Days on which calls are placed',
		},
	];
	if (operation === 'update') {
		fields.unshift({
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'New name of the batch call (1–255 characters)',
		});
	}
	return fields;
}

/** The two answers Truedy documents for Add Contacts, read into one shape. */
export function readAddSummary(data: IDataObject): {
	added?: number;
	notAdded: number;
	duplicates?: number;
	invalid?: number;
	failed?: number;
} {
	const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
	const duplicates = number(data.duplicates_skipped);
	const invalid = number(data.invalid_skipped);
	const failed = number(data.failed_count);
	const added = number(data.added_count) ?? number(data.added);
	return { added, duplicates, invalid, failed, notAdded: (failed ?? 0) + (duplicates ?? 0) + (invalid ?? 0) };
}

/**
 * Contacts a refused request names: a 422 `detail[]` whose `loc` is ["body", "contacts", i, …],
 * or an error envelope whose details carry the contact's index or phone number. Undefined when
 * the refusal is not (only) about contacts of this batch.
 */
export function rejectedContacts(body: unknown, batch: ContactRecord[]): BatchRejected['rejected'] | undefined {
	const issues = validationIssues(body);
	const reasons = new Map<ContactRecord, string[]>();
	const add = (record: ContactRecord, reason: string) => reasons.set(record, [...(reasons.get(record) ?? []), reason]);
	if (issues.length > 0) {
		for (const issue of issues) {
			const [where, list, index] = issue.loc;
			const record = where === 'body' && list === 'contacts' && typeof index === 'number' ? batch[index] : undefined;
			if (!record) return undefined;
			add(record, `${locText(issue.loc.slice(3)) || 'contact'}: ${issue.msg}`);
		}
	} else {
		const error = (body as { error?: { message?: unknown; details?: IDataObject | null } } | null)?.error;
		const details = error?.details;
		if (!details || typeof details !== 'object') return undefined;
		const index = details.index ?? details.contact_index;
		let record = typeof index === 'number' ? batch[index] : undefined;
		if (!record && typeof details.phone_number === 'string') {
			record = batch.find((candidate) => candidate.phones[0] === details.phone_number);
		}
		if (!record) return undefined;
		add(record, typeof error?.message === 'string' ? error.message : 'refused');
	}
	return [...reasons].map(([record, list]) => ({ record, reason: list.join('; ') }));
}

/**
 * Reads Truedy's answer to a request that carried contacts (Add Contacts, or Create with inline
 * contacts): refused contacts are handed back to the pipeline, the documented counts are kept.
 */
export function readContactsAnswer(
	context: IExecuteFunctions,
	result: SendResult,
	batch: ContactRecord[],
	extra: IDataObject,
): BatchSent | BatchRejected {
	if (!result.ok) throw providerError(context, 'Truedy', result, truedyErrorText);
	const { response } = result;
	if (response.statusCode === 422 || response.statusCode === 400) {
		const rejected = rejectedContacts(response.body, batch);
		if (rejected && rejected.length > 0) return { rejected };
	}
	if (response.statusCode >= 300) throw providerError(context, 'Truedy', result, truedyErrorText);
	if (!response.bodyIsJson) {
		return { providerResponse: { ...extra, httpCode: response.statusCode, note: 'Truedy accepted the batch but its answer was not valid JSON' } };
	}
	const data = ((response.body as IDataObject | null)?.data ?? {}) as IDataObject;
	const providerResponse: IDataObject = { ...extra, ...data };
	const summary = readAddSummary(data);
	if (summary.notAdded === 0) return { providerResponse };

	// Truedy counts the contacts it did not add but does not name them. When the whole batch is in
	// one count, each contact's outcome is known; otherwise every contact says what Truedy reported.
	const outcomes = new Map<ContactRecord, { status: ContactStatus; reason: string }>();
	const all = batch.length;
	let whole: { status: ContactStatus; reason: string } | undefined;
	if (summary.duplicates === all) whole = { status: 'duplicate', reason: 'Truedy skipped it: the number is already in the batch call' };
	else if (summary.invalid === all) whole = { status: 'invalid', reason: 'Truedy skipped it as invalid' };
	else if (summary.failed === all) whole = { status: 'failed', reason: 'Truedy reported it as failed (failed_count)' };
	const counted = [
		summary.duplicates ? `${summary.duplicates} skipped as duplicates already in the batch call` : '',
		summary.invalid ? `${summary.invalid} skipped as invalid` : '',
		summary.failed ? `${summary.failed} failed` : '',
	]
		.filter(Boolean)
		.join(', ');
	for (const record of batch) {
		outcomes.set(
			record,
			whole ?? {
				status: 'sent',
				reason: `accepted by Truedy, which reported ${counted} of the ${all} contacts of this request without naming them`,
			},
		);
	}
	return { providerResponse, outcomes };
}

/** POST /batch-calls/{id}/contacts for one batch. */
export async function addContactsBatch(
	context: IExecuteFunctions,
	batchCallId: string,
	batch: ContactRecord[],
	options: TruedySendOptions,
): Promise<BatchSent | BatchRejected> {
	const result = await truedySend.call(
		context,
		{
			method: 'POST',
			path: `/batch-calls/${encodeURIComponent(batchCallId)}/contacts`,
			body: { contacts: batch.map((record) => toTruedyContact(record, false)) },
		},
		options,
	);
	return readContactsAnswer(context, result, batch, { batch_call_id: batchCallId });
}

/**
 * Pause and Resume: a POST to `/batch-calls/{id}/<transition>` per item, the batch call's ID with
 * Truedy's answer as output.
 */
export function transitionOperation(transition: 'pause' | 'resume') {
	const properties: INodeProperties[] = [batchCallIdProperty, requestOptionsProperty];
	const description = updateDisplayOptions({ show: { resource: ['batchCall'], operation: [transition] } }, properties);

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		const sendOptions = sendOptionsOf(this);
		return await forEachItem.call(this, async (itemIndex) => {
			const id = batchCallIdParameter(this, itemIndex);
			const data = await truedyRequest.call(
				this,
				{ method: 'POST', path: `/batch-calls/${encodeURIComponent(id)}/${transition}` },
				{ ...sendOptions, itemIndex },
			);
			return { batch_call_id: id, ...data };
		});
	}

	return { description, execute };
}
