import type { IDataObject } from 'n8n-workflow';

import { msUntil } from '../../shared/transport/http';
import { createProviderClient } from '../../shared/transport/client';

export interface TruedyValidationIssue {
	loc: Array<string | number>;
	msg: string;
}

/** The entries of a 422 `{detail: [{loc, msg, type}]}` answer (Truedy validates like FastAPI). */
export function validationIssues(body: unknown): TruedyValidationIssue[] {
	const detail = (body as { detail?: unknown } | null)?.detail;
	if (!Array.isArray(detail)) return [];
	return detail
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object')
		.map((entry) => ({
			loc: Array.isArray(entry.loc) ? (entry.loc as Array<string | number>) : [],
			msg: typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg ?? 'invalid'),
		}));
}

/** `["body", "contacts", 3, "phone_number"]` → `contacts[3].phone_number`. */
export function locText(loc: Array<string | number>): string {
	const path = loc[0] === 'body' || loc[0] === 'query' || loc[0] === 'path' ? loc.slice(1) : loc;
	return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

/** Truedy's words: the error envelope's code, message and details, or the 422 list. */
function truedyErrorText(body: unknown): string | undefined {
	const envelope = (body as { error?: unknown } | null)?.error;
	if (envelope && typeof envelope === 'object') {
		const { code, message, details } = envelope as { code?: unknown; message?: unknown; details?: unknown };
		const text = [code, message].filter((part) => typeof part === 'string' && part !== '').join(': ');
		// A 429's details are the limit and reset time, which the retries already waited out.
		const isRateLimit = code === 'rate_limit_exceeded';
		const shown = details && typeof details === 'object' && !isRateLimit ? JSON.stringify(details) : '{}';
		return shown === '{}' ? text || undefined : `${text} (${shown})`;
	}
	const issues = validationIssues(body);
	if (issues.length > 0) return issues.map((issue) => `${locText(issue.loc) || 'request'}: ${issue.msg}`).join('; ');
	return undefined;
}

/** A Truedy 429 has no Retry-After: the wait is in the body, `error.details.reset_at`. */
export function truedyResetAfterMs(body: unknown): number | undefined {
	const details = (body as { error?: { details?: { reset_at?: unknown } } } | null)?.error?.details;
	return details ? msUntil(details.reset_at) : undefined;
}

export const truedyClient = createProviderClient({
	provider: 'Truedy',
	credentialType: 'truedyApi',
	credentialName: 'Truedy API',
	keyField: 'API Key',
	defaultBaseUrl: 'https://api.truedy.ai/api/public/v1',
	secretFields: ['apiKey', 'webhookSecret'],
	errorText: truedyErrorText,
	hints: {
		400: "See Truedy's message; a batch call's status limits what can be done: edit while draft, scheduled or paused; pause while active or scheduled; resume while paused.",
		404: "Check the ID Truedy's message names: it is not on this Truedy account.",
		413: 'The request is too large for Truedy: lower the Batch Size option.',
		422: 'Truedy named the field it refused: correct that parameter or contact field.',
		429: "Truedy's rate limit (100 requests a minute per organization by default) was still exceeded after the retries: lower the Rate Limit option, or run the workflow later.",
	},
	retryAfterFromBody: truedyResetAfterMs,
	rateLimit: { requests: 100, windowSeconds: 60, documented: "Truedy's default: 100 requests a minute per organization" },
});

/** `data` of a Truedy answer (`{data, meta}`), or the answer itself. */
export function dataOf(body: IDataObject | IDataObject[]): IDataObject {
	if (Array.isArray(body)) return { data: body };
	const data = body.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : body;
}
