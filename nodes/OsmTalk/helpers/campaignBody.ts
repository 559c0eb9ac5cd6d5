import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalTimeZone, isHhMm } from '../../shared/time';
import { toOffsetDateTime } from './scheduledStart';

/** Outcomes after which OSMTalk may call a lead again (retryPolicy.retryOn). */
export const RETRYABLE_OUTCOMES = ['no_answer', 'busy', 'voicemail', 'failed'];

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
		if (canonicalTimeZone(timezone) === undefined) {
			fail(context, itemIndex, `Schedule → Timezone "${timezone}" is not an IANA time zone`, 'Use a name such as Asia/Kolkata, Europe/London or America/New_York.');
		}
		const windowStart = String(schedule.windowStart ?? '').trim();
		const windowEnd = String(schedule.windowEnd ?? '').trim();
		if (!isHhMm(windowStart)) fail(context, itemIndex, `Schedule → Window Start "${windowStart}" is not a time as HH:MM (00:00–23:59)`);
		if (!isHhMm(windowEnd)) fail(context, itemIndex, `Schedule → Window End "${windowEnd}" is not a time as HH:MM (00:00–23:59)`);
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

