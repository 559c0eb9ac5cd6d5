import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { canonicalTimeZone } from '../profile';
import { listOf, nextCursor, anyreachRequest, type AnyreachRequest } from '../transport';
import { appendUpTo } from '../../shared/pagination';

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '3f1c2b9e-… or crm-campaign-42',
	description: 'The campaign UUID, or the external_id you gave the campaign',
};

/** Largest page the node asks for (Anyreach does not document a maximum; 100 is a common cap). */
export const PAGE_SIZE = 100;

/**
 * Reads a cursor-paginated list (`limit` + `cursor`, the next cursor in the answer) until `wanted`
 * results or the last page. An answer without a cursor is the last page.
 */
export async function readCursorPages(
	context: IExecuteFunctions,
	request: AnyreachRequest,
	wanted: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const qs: IDataObject = { ...request.qs, limit: Math.min(PAGE_SIZE, wanted - results.length) };
		if (cursor !== undefined) qs.cursor = cursor;
		const body = await anyreachRequest.call(context, { ...request, qs }, itemIndex);
		const entries = listOf(body);
		appendUpTo(results, entries, wanted);
		cursor = nextCursor(body);
		if (cursor === undefined || entries.length === 0 || results.length >= wanted) return results;
		if (seen.has(cursor)) {
			throw new NodeOperationError(context.getNode(), `Anyreach returned the same page cursor twice ("${cursor}"); stopped after ${results.length} results`, {
				itemIndex,
			});
		}
		seen.add(cursor);
	}
}

/** A JSON parameter as an object (it may arrive as text or as an object). */
export function jsonObjectParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	value: unknown = context.getNodeParameter(name, itemIndex, '{}'),
): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `${label} is not valid JSON: ${(error as Error).message}`, { itemIndex });
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), `${label} must be a JSON object`, { itemIndex });
	}
	return parsed as IDataObject;
}

const DAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Checks the documented parts of a configuration wherever they sit in the JSON (Anyreach's page
 * does not say whether they are nested): IANA time zones and TimeWindows (`days` mon…sun, `start`
 * and `end` as HH:MM, different). Returns the first problem, with its JSON path.
 */
export function configurationProblem(value: unknown, path = ''): string | undefined {
	if (Array.isArray(value)) {
		for (let index = 0; index < value.length; index++) {
			const problem = configurationProblem(value[index], `${path}[${index}]`);
			if (problem) return problem;
		}
		return undefined;
	}
	if (!value || typeof value !== 'object') return undefined;
	const record = value as IDataObject;
	const at = (key: string) => (path ? `${path}.${key}` : key);
	if ('days' in record && 'start' in record && 'end' in record) {
		const { days, start, end } = record;
		if (!Array.isArray(days) || days.length === 0 || days.some((day) => !DAYS.has(String(day)))) {
			return `${at('days')} must list one or more of mon, tue, wed, thu, fri, sat, sun`;
		}
		if (typeof start !== 'string' || !HH_MM.test(start)) return `${at('start')} "${String(start)}" is not a 24-hour HH:MM time`;
		if (typeof end !== 'string' || !HH_MM.test(end)) return `${at('end')} "${String(end)}" is not a 24-hour HH:MM time`;
		if (start === end) return `${path || 'window'}: start and end must differ`;
	}
	for (const [key, inner] of Object.entries(record)) {
		if ((key === 'default_timezone' || key === 'timezone') && inner !== null && inner !== undefined) {
			if (typeof inner !== 'string' || canonicalTimeZone(inner) === undefined) {
				return `${at(key)} "${String(inner)}" is not an IANA time zone (e.g. America/New_York)`;
			}
			continue;
		}
		const problem = configurationProblem(inner, at(key));
		if (problem) return problem;
	}
	return undefined;
}

