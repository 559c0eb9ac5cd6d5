import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { ProviderSession } from '../../shared/transport/client';
import type { SendResult } from '../../shared/transport/http';
import { campaignOf } from '../transport';
import { campaignPath } from './campaignId';

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
export async function currentStatus(session: ProviderSession, campaignId: string, refusal?: unknown): Promise<string | undefined> {
	const named = statusInBody(refusal);
	if (named) return named;
	const result = await session.send({ method: 'GET', path: campaignPath(campaignId) });
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
