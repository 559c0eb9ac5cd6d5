import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { quote } from '../../shared/transport/errors';
import { campaignOf } from '../transport';

interface AnswerContext {
	doing: string;
	itemIndex: number;
	/** The request changes something at OSMTalk (it may have happened although the answer is unusable). */
	changed?: boolean;
}

/**
 * A readable 2xx that lacks what it should hold (`{}`, another shape) is an error, never a
 * "successful" empty item: the user could not tell it from real data.
 */
function missingInAnswer(node: INode, what: string, body: unknown, extra: AnswerContext): never {
	const message = `OSMTalk answered without ${what} while ${extra.doing}: ${quote(JSON.stringify(body ?? null))}`;
	const description = extra.changed
		? 'The request may have succeeded: check in OSMTalk before running it again.'
		: 'Run it again; if OSMTalk keeps answering this way, report it to OSMTalk support.';
	throw new NodeApiError(node, { message } as JsonObject, { message, description, itemIndex: extra.itemIndex });
}

/** The list under `key` (or the answer itself when it is an array); an answer without it is an error, never an empty list. */
export function listFromAnswer(node: INode, body: unknown, key: string, extra: AnswerContext): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const list = body && typeof body === 'object' ? (body as IDataObject)[key] : undefined;
	if (Array.isArray(list)) return list as IDataObject[];
	return missingInAnswer(node, `the "${key}" list`, body, extra);
}

/** The campaign of an answer (the campaign itself, or wrapped in `campaign`); one without an ID is an error. */
export function campaignFromAnswer(node: INode, body: unknown, extra: AnswerContext): IDataObject {
	const campaign = campaignOf(body);
	if (campaign.id !== undefined && campaign.id !== null && campaign.id !== '') return campaign;
	return missingInAnswer(node, 'a campaign', body, extra);
}

/** The report `{ campaign, counts: { byStatus, byDisposition } }`; one without `counts` is an error. */
export function reportFromAnswer(node: INode, body: unknown, extra: AnswerContext): IDataObject {
	const report = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
	const counts = report.counts;
	if (!counts || typeof counts !== 'object' || Array.isArray(counts)) return missingInAnswer(node, 'the report counts', body, extra);
	const { byStatus, byDisposition } = counts as IDataObject;
	return { ...report, counts: { ...(counts as IDataObject), byStatus: byStatus ?? {}, byDisposition: byDisposition ?? {} } };
}

/** The Do-Not-Call entry OSMTalk answers an Add with; one without an ID does not confirm the number is listed. */
export function doNotCallEntryFromAnswer(node: INode, body: unknown, extra: AnswerContext): IDataObject {
	const entry = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
	if (entry.id !== undefined && entry.id !== null && entry.id !== '') return entry;
	return missingInAnswer(node, 'the Do-Not-Call entry', body, { ...extra, changed: true });
}
