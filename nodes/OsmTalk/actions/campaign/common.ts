import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import type { SendResult } from '../../../shared/transport/http';
import { campaignOf, osmTalkSend } from '../../transport';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'failed'] as const;

/** Where each lifecycle call may start from (api-reference, "Lifecycle transitions"). */
export const TRANSITIONS = {
	start: { label: 'Start', from: ['draft', 'scheduled'], to: ['running', 'scheduled'] },
	pause: { label: 'Pause', from: ['running'], to: ['paused'] },
	resume: { label: 'Resume', from: ['paused'], to: ['running'] },
	stop: { label: 'Stop', from: ['running', 'paused', 'scheduled'], to: ['completed'] },
} as const;

export type TransitionAction = keyof typeof TRANSITIONS;

/** DELETE is documented "only when draft / completed / failed". */
export const DELETABLE_FROM = ['draft', 'completed', 'failed'];

/** The overview page's state table: config can be edited while draft or scheduled. */
export const EDITABLE_FROM = ['draft', 'scheduled'];

/** The overview page's state table: leads are uploaded while the campaign is a draft. */
export const LEADS_ACCEPTED_FROM = ['draft'];

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'cmp_xxx',
	description: 'The ID of the OSMTalk campaign',
};

export function campaignIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	const id = String(context.getNodeParameter('campaignId', itemIndex, '') ?? '').trim();
	if (id === '') throw new NodeOperationError(context.getNode(), 'Campaign ID is empty', { itemIndex });
	return id;
}

export function campaignPath(campaignId: string, suffix = ''): string {
	return `/api/campaigns/${encodeURIComponent(campaignId)}${suffix}`;
}

const WEEKDAY_OPTIONS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

export const RETRYABLE_OUTCOMES = ['no_answer', 'busy', 'voicemail', 'failed'];

/** Fields shared by Create (Additional Fields) and Update (Update Fields), besides name/agent/phone number. */
export const optionalCampaignFields: INodeProperties[] = [
	{
		displayName: 'Agent Version',
		name: 'agentVersion',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: "Version of the agent to call with; left out, OSMTalk uses the agent's current version",
	},
	{
		displayName: 'Retry Policy',
		name: 'retryPolicy',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Retry Policy',
		description: 'How often and when a lead is called again',
		options: [
			{
				displayName: 'Retry Policy',
				name: 'value',
				values: [
					{
						displayName: 'Max Attempts',
						name: 'maxAttempts',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 3,
						description: 'Calls to a lead at most, the first one included',
					},
					{
						displayName: 'Backoff Minutes',
						name: 'backoffMinutes',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 60,
						description: 'Minutes to wait before calling a lead again',
					},
					{
						displayName: 'Retry On',
						name: 'retryOn',
						type: 'multiOptions',
						options: [
							{ name: 'Busy', value: 'busy' },
							{ name: 'Failed', value: 'failed' },
							{ name: 'No Answer', value: 'no_answer' },
							{ name: 'Voicemail', value: 'voicemail' },
						],
						default: ['no_answer', 'busy'],
						description: 'Call outcomes after which the lead is called again',
					},
				],
			},
		],
	},
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Schedule',
		description: 'When calls may be placed: a daily window on chosen weekdays, in a time zone',
		options: [
			{
				displayName: 'Schedule',
				name: 'value',
				values: [
					{
						displayName: 'Timezone',
						name: 'timezone',
						type: 'string',
						default: 'Asia/Kolkata',
						placeholder: 'Asia/Kolkata',
						description: 'IANA time zone of the calling window, e.g. Asia/Kolkata or America/New_York',
					},
					{
						displayName: 'Window Start',
						name: 'windowStart',
						type: 'string',
						default: '09:00',
						placeholder: '09:00',
						description: 'Time of day calls may start, as HH:MM (24-hour)',
					},
					{
						displayName: 'Window End',
						name: 'windowEnd',
						type: 'string',
						default: '19:00',
						placeholder: '19:00',
						description: 'Time of day calls must stop, as HH:MM (24-hour), after Window Start',
					},
					{
						displayName: 'Weekdays',
						name: 'weekdays',
						type: 'multiOptions',
						options: WEEKDAY_OPTIONS,
						default: [1, 2, 3, 4, 5],
						description: 'Days calls may be placed (sent as 1 = Monday … 7 = Sunday)',
					},
				],
			},
		],
	},
	{
		displayName: 'Scheduled Start At',
		name: 'scheduledStartAt',
		type: 'dateTime',
		default: '',
		description:
			"When Start should begin calling; until then the campaign is scheduled. A time without an offset is read in the schedule's time zone, else in the workflow's.",
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://your-crm.example.com/webhooks/osmtalk',
		description: "Where OSMTalk posts each lead's outcome; left out, the organisation's default webhook is used",
	},
];

export const maxConcurrentProperty: INodeProperties = {
	displayName: 'Max Concurrent',
	name: 'maxConcurrent',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
	default: 5,
	description: 'Calls the campaign may have in progress at once (1–50)',
};

/** The offset of `timeZone` at the instant `utcMs`, in minutes east of UTC. */
function offsetMinutes(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - utcMs) / 60_000);
}

export function isTimeZone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `scheduledStartAt` as OSMTalk shows it: ISO 8601 with an offset. A time without an offset (what
 * n8n's date picker gives) is read in `timeZone`.
 */
export function toOffsetDateTime(value: string, timeZone: string): string | undefined {
	const text = value.trim();
	if (WITH_OFFSET.test(text)) return Number.isNaN(Date.parse(text)) ? undefined : text;
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match;
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
	if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== Number(d)) return undefined;
	let offset = offsetMinutes(timeZone, wall);
	offset = offsetMinutes(timeZone, wall - offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function fail(context: IExecuteFunctions, itemIndex: number, message: string, description?: string): never {
	throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

function wholeNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/**
 * Builds the JSON body of a campaign from the node's fields, checking every documented rule locally
 * so a mistake is reported with the field's name before anything is sent.
 */
export function campaignBody(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const key of ['name', 'agentId', 'phoneNumberId'] as const) {
		if (fields[key] === undefined) continue;
		const label = { name: 'Name', agentId: 'Agent ID', phoneNumberId: 'Phone Number ID' }[key];
		const text = String(fields[key] ?? '').trim();
		if (text === '') fail(context, itemIndex, `${label} is empty`);
		body[key] = text;
	}
	if (fields.agentVersion !== undefined) {
		const version = wholeNumber(fields.agentVersion);
		if (version === undefined || version < 1) {
			fail(context, itemIndex, `Agent Version must be a whole number of 1 or more (got "${String(fields.agentVersion)}")`);
		}
		body.agentVersion = version;
	}
	if (fields.maxConcurrent !== undefined) {
		const max = wholeNumber(fields.maxConcurrent);
		if (max === undefined || max < 1 || max > 50) {
			fail(context, itemIndex, `Max Concurrent must be a whole number from 1 to 50 (got "${String(fields.maxConcurrent)}")`, 'OSMTalk runs at most 50 calls of a campaign at once.');
		}
		body.maxConcurrent = max;
	}

	const schedule = (fields.schedule as IDataObject | undefined)?.value as IDataObject | undefined;
	if (schedule) {
		const timezone = String(schedule.timezone ?? '').trim();
		if (timezone === '' || !isTimeZone(timezone)) {
			fail(context, itemIndex, `Schedule → Timezone "${timezone}" is not an IANA time zone`, 'Use a name such as Asia/Kolkata, Europe/London or America/New_York.');
		}
		const windowStart = String(schedule.windowStart ?? '').trim();
		const windowEnd = String(schedule.windowEnd ?? '').trim();
		if (!HH_MM.test(windowStart)) fail(context, itemIndex, `Schedule → Window Start "${windowStart}" is not a time as HH:MM (00:00–23:59)`);
		if (!HH_MM.test(windowEnd)) fail(context, itemIndex, `Schedule → Window End "${windowEnd}" is not a time as HH:MM (00:00–23:59)`);
		if (windowEnd <= windowStart) {
			fail(context, itemIndex, `Schedule → Window End (${windowEnd}) must be later than Window Start (${windowStart})`, 'The calling window is one span within a day.');
		}
		const weekdays = (Array.isArray(schedule.weekdays) ? schedule.weekdays : [schedule.weekdays])
			.filter((day) => day !== undefined && day !== null && day !== '')
			.map((day) => wholeNumber(day));
		if (weekdays.length === 0) fail(context, itemIndex, 'Schedule → Weekdays is empty: choose at least one day');
		if (weekdays.some((day) => day === undefined || day < 1 || day > 7)) {
			fail(context, itemIndex, `Schedule → Weekdays must be days 1 (Monday) to 7 (Sunday), got ${JSON.stringify(schedule.weekdays)}`);
		}
		body.schedule = {
			timezone,
			windowStart,
			windowEnd,
			weekdays: [...new Set(weekdays as number[])].sort((a, b) => a - b),
		};
	}

	if (fields.scheduledStartAt !== undefined && fields.scheduledStartAt !== '' && fields.scheduledStartAt !== null) {
		const raw = String(fields.scheduledStartAt);
		const zone = (body.schedule as IDataObject | undefined)?.timezone as string | undefined;
		const at = toOffsetDateTime(raw, zone ?? context.getTimezone());
		if (!at) {
			fail(context, itemIndex, `Scheduled Start At "${raw}" is not a date and time`, 'Use ISO 8601, e.g. 2026-05-08T09:00:00+05:30.');
		}
		body.scheduledStartAt = at;
	}

	const retry = (fields.retryPolicy as IDataObject | undefined)?.value as IDataObject | undefined;
	if (retry) {
		const maxAttempts = wholeNumber(retry.maxAttempts);
		if (maxAttempts === undefined || maxAttempts < 1) {
			fail(context, itemIndex, `Retry Policy → Max Attempts must be a whole number of 1 or more (got "${String(retry.maxAttempts)}")`);
		}
		const backoffMinutes = wholeNumber(retry.backoffMinutes);
		if (backoffMinutes === undefined || backoffMinutes < 1) {
			fail(context, itemIndex, `Retry Policy → Backoff Minutes must be a whole number of 1 or more (got "${String(retry.backoffMinutes)}")`);
		}
		const retryOn = (Array.isArray(retry.retryOn) ? retry.retryOn : [retry.retryOn]).filter(
			(value) => value !== undefined && value !== '',
		) as string[];
		const unknown = retryOn.filter((value) => !RETRYABLE_OUTCOMES.includes(value));
		if (unknown.length > 0) {
			fail(context, itemIndex, `Retry Policy → Retry On has unknown outcome(s): ${unknown.join(', ')}`, `Use ${RETRYABLE_OUTCOMES.join(', ')}.`);
		}
		body.retryPolicy = { maxAttempts, backoffMinutes, retryOn: [...new Set(retryOn)] };
	}

	if (fields.webhookUrl !== undefined && String(fields.webhookUrl).trim() !== '') {
		const text = String(fields.webhookUrl).trim();
		let url: URL | undefined;
		try {
			url = new URL(text);
		} catch {
			url = undefined;
		}
		if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
			fail(context, itemIndex, `Webhook URL "${text}" is not an http(s) URL`);
		}
		body.webhookUrl = text;
	}
	return body;
}

/** The campaign's status as named in a refusal, if the body names it. */
function statusInBody(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const object = body as IDataObject;
	const details = (object.details && typeof object.details === 'object' ? object.details : {}) as IDataObject;
	for (const candidate of [
		details.currentStatus,
		details.status,
		object.currentStatus,
		object.status,
		(object.campaign as IDataObject | undefined)?.status,
	]) {
		if (typeof candidate === 'string' && (CAMPAIGN_STATUSES as readonly string[]).includes(candidate)) return candidate;
	}
	return undefined;
}

/** The campaign's current status: from the refusal when it names it, else read with GET. */
export async function currentStatus(
	context: IExecuteFunctions,
	campaignId: string,
	refusal?: unknown,
): Promise<string | undefined> {
	const named = statusInBody(refusal);
	if (named) return named;
	const result = await osmTalkSend.call(context, { method: 'GET', path: campaignPath(campaignId) }, { maxRetries: 2 });
	if (!result.ok || result.response.statusCode >= 300) return undefined;
	const status = campaignOf(result.response.body).status;
	return typeof status === 'string' ? status : undefined;
}

const STATE_HINTS: Record<string, Record<string, string>> = {
	start: {
		running: 'It is already running.',
		paused: 'Use Resume to continue a paused campaign.',
		completed: 'A completed campaign cannot run again: create a new campaign.',
		failed: 'A failed campaign cannot run again: create a new campaign.',
	},
	pause: {
		paused: 'It is already paused.',
		draft: 'It has not started: use Start first.',
		scheduled: 'It has not started yet: use Stop to cancel it, or Start to begin now.',
		completed: 'It has already ended.',
		failed: 'It has already ended.',
	},
	resume: {
		running: 'It is already running.',
		draft: 'Use Start for a campaign that never ran.',
		scheduled: 'Use Start to begin a scheduled campaign now.',
		completed: 'It has already ended.',
		failed: 'It has already ended.',
	},
	stop: {
		draft: 'A draft never started: delete it instead.',
		completed: 'It has already ended.',
		failed: 'It has already ended.',
	},
	delete: {
		running: 'Stop it first, then delete it.',
		paused: 'Stop it first, then delete it.',
		scheduled: 'Stop it first, then delete it.',
	},
	update: {
		running: 'Pause does not make it editable either; create a new campaign for a different configuration.',
		paused: 'Create a new campaign for a different configuration.',
		completed: 'Create a new campaign for a different configuration.',
		failed: 'Create a new campaign for a different configuration.',
	},
	addLeads: {
		scheduled: 'Create a new campaign for these leads, or stop this one and upload to a new draft.',
		running: 'Create a new campaign for these leads.',
		paused: 'Create a new campaign for these leads.',
		completed: 'Create a new campaign for these leads.',
		failed: 'Create a new campaign for these leads.',
	},
};

/** The error for an operation OSMTalk refused because of the campaign's state. */
export function stateError(
	context: IExecuteFunctions,
	options: {
		what: string;
		hintKey: string;
		campaignId: string;
		status: string | undefined;
		allowedFrom: readonly string[];
		result: SendResult;
		itemIndex?: number;
	},
): NodeApiError {
	const { what, campaignId, status, allowedFrom, result } = options;
	const allowed = allowedFrom.length === 1 ? allowedFrom[0] : `${allowedFrom.slice(0, -1).join(', ')} or ${allowedFrom[allowedFrom.length - 1]}`;
	const message = status
		? `Cannot ${what} campaign "${campaignId}": it is ${status}, and OSMTalk allows this only from ${allowed}`
		: `Cannot ${what} campaign "${campaignId}": OSMTalk allows this only from ${allowed} (its current state could not be read)`;
	const hint = status ? STATE_HINTS[options.hintKey]?.[status] : undefined;
	const httpCode = result.response ? String(result.response.statusCode) : undefined;
	return new NodeApiError(
		context.getNode(),
		{ message, httpCode: httpCode ?? null, body: (result.response?.body ?? null) as JsonObject },
		{ message, description: hint ?? `Bring the campaign to ${allowed} first.`, httpCode, itemIndex: options.itemIndex },
	);
}
