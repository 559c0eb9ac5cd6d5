import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalTimeZone, isHhMm, isIsoDate } from '../../shared/time';

/**
 * A Batch Call ID, checked before anything is sent: Truedy documents no list of batch calls, so
 * it is typed, and an empty, 0 or malformed one names the field and the item.
 */
export function batchCallIdOf(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '' || id === '0') {
		throw new NodeOperationError(context.getNode(), `Batch Call ID is empty (item ${itemIndex})`, {
			itemIndex,
			description: 'Give the ID of the Truedy batch call, from the Truedy dashboard or the output of Create.',
		});
	}
	if (/[\s/?#]/.test(id)) {
		throw new NodeOperationError(context.getNode(), `Batch Call ID "${id.slice(0, 40)}" is not a batch call ID (item ${itemIndex})`, {
			itemIndex,
			description: 'A batch call ID has no spaces or slashes: copy it from the Truedy dashboard or the output of Create.',
		});
	}
	return id;
}

export function batchCallIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	return batchCallIdOf(context, context.getNodeParameter('batchCallId', itemIndex, ''), itemIndex);
}

/** Comma-, semicolon- or newline-separated text (or an array from an expression) as a list of strings. */
export function listParameter(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map((entry) => String(entry)) : String(value ?? '').split(/[\n,;]+/);
	return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Truedy's `scheduled_at` is a date and time; a date alone would be read as midnight somewhere. */
export function isDateTime(text: string): boolean {
	return isIsoDate(text) && text.includes('T');
}

/** An IANA time zone in its canonical spelling; a NodeOperationError naming the field otherwise. */
export function timeZoneParameter(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = String(value).trim();
	const zone = canonicalTimeZone(text);
	if (!zone) {
		throw new NodeOperationError(context.getNode(), `Timezone must be an IANA time zone such as America/New_York, got "${text}"`, { itemIndex });
	}
	return zone;
}

/** Checks and converts the scheduling and settings fields Create and Update share. */
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
				if (!isHhMm(text)) throw fail(`${key === 'start_time' ? 'Start Time' : 'End Time'} must be HH:MM (24-hour), got "${text}"`);
				body[key] = text;
				break;
			}
			case 'scheduled_at': {
				const text = String(value).trim();
				if (!isDateTime(text)) throw fail(`Scheduled At must be a date and time (ISO 8601), got "${text}"`);
				body[key] = text;
				break;
			}
			case 'timezone':
				body[key] = timeZoneParameter(context, value, itemIndex);
				break;
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
