import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import {
	credentialBaseUrl,
	RateLimiter,
	msUntil,
	providerError,
	sendWithRetry,
	type ProviderResponse,
	type SendResult,
} from '../../shared/transport/http';

export const TRUEDY_CREDENTIAL = 'truedyApi';

export const TRUEDY_DEFAULT_BASE_URL = 'https://api.truedy.ai/api/public/v1';

/** Truedy's documented default: 100 requests a minute per organization. */
export const TRUEDY_RATE_LIMIT = 100;


/** The options every Truedy operation shares: pacing and retries. */
export const truedyRequestOptions: INodeProperties[] = [
	{
		displayName: 'Rate Limit',
		name: 'rateLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: TRUEDY_RATE_LIMIT,
		description:
			"Most requests this node starts per rate-limit window (Truedy's default plan: 100 a minute per organization). 0 turns pacing off; a 429 is still waited out until Truedy's reset_at.",
	},
	{
		displayName: 'Rate Limit Window (Seconds)',
		name: 'rateLimitWindow',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Length of the window the Rate Limit counts requests in',
	},
];

interface PacingOptions {
	rateLimit?: number;
	rateLimitWindow?: number;
	maxRetries?: number;
}

/**
 * The limiter counts when requests start; Truedy counts when they arrive, and the first request of
 * a window can take longer to arrive than the one that opens the next window. A window 2% + 200 ms
 * longer than Truedy's keeps a request from landing in a window that is already full.
 */
export function withSafetyMargin(windowMs: number): number {
	return Math.round(windowMs * 1.02 + 200);
}

/** One limiter per execution: every request of the run is paced by it. */
export function truedyLimiter(options: PacingOptions): RateLimiter | undefined {
	const limit = options.rateLimit ?? TRUEDY_RATE_LIMIT;
	if (!limit || limit <= 0) return undefined;
	const windowMs = Math.max(1, options.rateLimitWindow ?? 60) * 1000;
	return new RateLimiter(Math.floor(limit), withSafetyMargin(windowMs));
}

/**
 * A Truedy 429 carries no Retry-After: the wait is in the body, `error.details.reset_at`.
 * Returns the ms until then (0 when it is already past).
 */
export function truedyResetAfterMs(body: unknown): number | undefined {
	const details = (body as { error?: { details?: { reset_at?: unknown } } } | null)?.error?.details;
	return details ? msUntil(details.reset_at) : undefined;
}

export interface TruedyValidationIssue {
	loc: Array<string | number>;
	msg: string;
	type?: string;
}

/** The entries of a 422 `{detail: [{loc, msg, type}]}` answer. */
export function validationIssues(body: unknown): TruedyValidationIssue[] {
	const detail = (body as { detail?: unknown } | null)?.detail;
	if (!Array.isArray(detail)) return [];
	return detail
		.filter((entry): entry is IDataObject => entry !== null && typeof entry === 'object')
		.map((entry) => ({
			loc: Array.isArray(entry.loc) ? (entry.loc as Array<string | number>) : [],
			msg: typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg ?? 'invalid'),
			type: typeof entry.type === 'string' ? entry.type : undefined,
		}));
}

/** `["body", "contacts", 3, "phone_number"]` → `contacts[3].phone_number`. */
export function locText(loc: Array<string | number>): string {
	const path = loc[0] === 'body' || loc[0] === 'query' || loc[0] === 'path' ? loc.slice(1) : loc;
	return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
}

function envelopeOf(body: unknown): { code?: string; message?: string; details?: unknown } | undefined {
	const error = (body as { error?: unknown } | null)?.error;
	if (error && typeof error === 'object') return error as { code?: string; message?: string; details?: unknown };
	return undefined;
}

const HINTS: Record<number, string> = {
	400: 'the batch call may be in a status that does not allow this; see the message',
	401: 'check the API key of the Truedy API credential',
	403: 'the API key is not allowed to do this',
	404: 'the batch call or agent is not on this Truedy account; check the ID',
	413: 'the request is too large; lower the Batch Size option',
	429: "Truedy's rate limit was still exceeded after the retries; lower the Rate Limit option or run the workflow later",
};

/** Truedy's error as one line: the envelope's code and message, or the 422 list, plus what to do. */
export function truedyErrorText(response: ProviderResponse): string {
	const { body, statusCode } = response;
	let text: string | undefined;
	const envelope = envelopeOf(body);
	const issues = validationIssues(body);
	if (envelope) {
		text = [envelope.code, envelope.message].filter((part) => typeof part === 'string' && part !== '').join(': ');
		const details = envelope.details;
		if (details && typeof details === 'object' && statusCode !== 429) {
			const shown = JSON.stringify(details);
			if (shown !== '{}') text += ` (${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown})`;
		}
	} else if (issues.length > 0) {
		text = issues.map((issue) => `${locText(issue.loc) || 'request'}: ${issue.msg}`).join('; ');
	} else if (typeof body === 'string' && body.trim() !== '') {
		text = body.slice(0, 200);
	}
	const detail = `HTTP ${statusCode}: ${text || 'no error text'}`;
	return HINTS[statusCode] ? `${detail} (${HINTS[statusCode]})` : detail;
}

export interface TruedyRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	headers?: Record<string, string>;
}

export interface TruedySendOptions {
	limiter?: RateLimiter;
	maxRetries?: number;
}

/** Sends a request to Truedy, paced and retried (a 429 waits until its reset_at); never throws for a status. */
export async function truedySend(
	this: IExecuteFunctions,
	request: TruedyRequest,
	options: TruedySendOptions = {},
): Promise<SendResult> {
	const http: IHttpRequestOptions = {
		method: request.method,
		url: `${await credentialBaseUrl(this, TRUEDY_CREDENTIAL, TRUEDY_DEFAULT_BASE_URL)}${request.path}`,
		body: request.body,
		qs: request.qs,
		headers: request.headers,
	};
	return await sendWithRetry(this, http, {
		credentialType: TRUEDY_CREDENTIAL,
		limiter: options.limiter,
		policy: options.maxRetries === undefined ? undefined : { maxRetries: options.maxRetries },
		retryAfterFromBody: truedyResetAfterMs,
	});
}

/** Sends a request and returns Truedy's `data` (or the whole body), or throws a NodeApiError that says what to do. */
export async function truedyRequest(
	this: IExecuteFunctions,
	request: TruedyRequest,
	options: TruedySendOptions & { itemIndex?: number } = {},
): Promise<IDataObject> {
	const result = await truedySend.call(this, request, options);
	if (!result.ok || result.response.statusCode >= 300) {
		throw providerError(this, 'Truedy', result, truedyErrorText, { itemIndex: options.itemIndex });
	}
	const body = result.response.body;
	if (!body || typeof body !== 'object') return { response: (body as string | null) ?? null };
	const data = (body as IDataObject).data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : (body as IDataObject);
}
