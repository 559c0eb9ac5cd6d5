import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { canonicalTimeZone, isHhMm } from '../../shared/time';
import { jsonObjectParameter } from './jsonParameter';

const DAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

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
		if (typeof start !== 'string' || !isHhMm(start)) return `${at('start')} "${String(start)}" is not a 24-hour HH:MM time`;
		if (typeof end !== 'string' || !isHhMm(end)) return `${at('end')} "${String(end)}" is not a 24-hour HH:MM time`;
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

/** The Configuration (JSON) parameter, checked where its documented parts can be checked. */
export function configurationBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const body = jsonObjectParameter(context, 'configuration', 'Configuration (JSON)', itemIndex);
	const problem = configurationProblem(body);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `Configuration (JSON): ${problem}`, {
			itemIndex,
			description: 'Fix the value before sending; Anyreach would refuse it.',
		});
	}
	return body;
}
