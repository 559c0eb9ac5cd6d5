import { sleep, type IExecuteFunctions, type IHttpRequestOptions, type ILoadOptionsFunctions } from 'n8n-workflow';

import type { Pacer } from './limiter';

/** A provider's answer, whatever its status. */
export interface ProviderResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON when the body was JSON; the raw text otherwise. */
	body: unknown;
	/** False when the body should have been JSON but could not be parsed. */
	bodyIsJson: boolean;
}

export interface RetryPolicy {
	/** Retries after the first attempt, on 408 / 429 / 5xx and network errors. */
	maxRetries: number;
	/** First backoff step; doubles each retry, with jitter. */
	baseDelayMs: number;
	/** Longest single wait, including a provider's own Retry-After / reset_at. */
	maxDelayMs: number;
	/** Give up once the retries of one request would run past this. */
	maxTotalMs: number;
	/** Per-request timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 120_000,
	maxTotalMs: 600_000,
	timeoutMs: 120_000,
};

export interface SendOptions {
	credentialType: string;
	policy?: Partial<RetryPolicy>;
	limiter?: Pacer;
	/** Reads a provider's "retry at" hint from an error body (e.g. Truedy's `error.details.reset_at`), in ms from now. */
	retryAfterFromBody?: (body: unknown) => number | undefined;
	/**
	 * `any` (the default) retries every retryable failure; `unreached` only those where the provider
	 * cannot have acted (408, 429, no connection), for requests whose repetition is not harmless.
	 */
	retryOn?: 'any' | 'unreached';
	/** Replaces the credential's secrets in whatever the provider answers. */
	scrub?: (value: unknown) => unknown;
}

/** How a request ended after its retries. */
export type SendResult =
	| {
			ok: true;
			response: ProviderResponse;
			attempts: number;
			/** An earlier attempt may have reached the provider (5xx, time-out, lost answer): it may have acted twice. */
			earlierAttemptReached?: boolean;
	  }
	| {
			ok: false;
			response?: ProviderResponse;
			networkError?: string;
			/** False when the provider cannot have received the request (no connection was made). */
			reached: boolean;
			attempts: number;
			gaveUp: string;
	  };

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUS.has(status);
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A timestamp (ISO 8601, or epoch seconds / ms) as ms from now. */
export function msUntil(timestamp: unknown, now = Date.now()): number | undefined {
	let at: number | undefined;
	if (typeof timestamp === 'number') at = timestamp < 1e12 ? timestamp * 1000 : timestamp;
	else if (typeof timestamp === 'string' && /^\d+$/.test(timestamp)) return msUntil(Number(timestamp), now);
	else if (typeof timestamp === 'string') at = Date.parse(timestamp);
	if (at === undefined || Number.isNaN(at)) return undefined;
	return Math.max(0, at - now);
}

/** Exponential backoff with jitter: half fixed, half random, so retries spread out. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
	return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

/** Network failures where the request never reached the provider, so a retry cannot repeat an action. */
const UNREACHED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const CODE_WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was closed before an answer came',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection broke while sending',
};

/** n8n's own wording of network errors, for when the code itself is not kept on the error it throws. */
const N8N_WORDING: Array<[RegExp, string]> = [
	[/refused the connection/i, 'ECONNREFUSED'],
	[/closed unexpectedly/i, 'ECONNRESET'],
	[/cannot be established/i, 'ENOTFOUND'],
	[/timed out|timeout/i, 'ETIMEDOUT'],
];

/** The first error code found on an error or the errors it wraps (n8n wraps the HTTP client's). */
function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown; errorResponse?: unknown } | undefined;
	for (let depth = 0; current && depth < 4; depth++) {
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code)) return current.code;
		current = (current.cause ?? current.errorResponse) as typeof current;
	}
	const message = String((error as { message?: unknown })?.message ?? '');
	return N8N_WORDING.find(([pattern]) => pattern.test(message))?.[1];
}

/** The network-level reason of a failed request, without request details such as headers. */
function networkFailure(error: unknown, timeoutMs: number): { reason: string; reached: boolean } {
	const code = errorCode(error);
	const message = String((error as { message?: unknown })?.message ?? '');
	if (code && (TIMEOUT_CODES.has(code) || /timeout/i.test(message))) {
		return { reason: `timed out after ${Math.round(timeoutMs / 1000)} s`, reached: true };
	}
	// Plain words, not the code: n8n replaces a whole error message that contains a known code.
	if (code) return { reason: CODE_WORDS[code] ?? `network error ${code.slice(1).toLowerCase()}`, reached: !UNREACHED_CODES.has(code) };
	return { reason: message ? message.slice(0, 200) : 'network error', reached: true };
}

function parseBody(raw: unknown): { body: unknown; bodyIsJson: boolean } {
	if (typeof raw !== 'string') return { body: raw ?? null, bodyIsJson: raw !== undefined };
	if (raw.trim() === '') return { body: null, bodyIsJson: true };
	try {
		return { body: JSON.parse(raw), bodyIsJson: true };
	} catch {
		return { body: raw, bodyIsJson: false };
	}
}

/**
 * Sends one request with the node's credential, retrying 408 / 429 / 5xx and network failures
 * with exponential backoff and jitter, honouring Retry-After and a provider's body hint, bounded
 * in attempts and total time. Never throws for an HTTP status; the caller reads the result.
 */
export async function sendWithRetry(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	request: IHttpRequestOptions,
	options: SendOptions,
): Promise<SendResult> {
	const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
	// The body is sent as text and the answer read as text, so that a malformed JSON answer is
	// seen as such instead of surfacing as an opaque parse error.
	const sendsJson =
		request.body !== undefined && request.body !== null && typeof request.body === 'object' && !Buffer.isBuffer(request.body);
	const prepared: IHttpRequestOptions = {
		...request,
		headers: {
			accept: 'application/json',
			...(sendsJson ? { 'content-type': 'application/json' } : {}),
			...request.headers,
		},
		body: sendsJson ? JSON.stringify(request.body) : request.body,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
	};
	const started = Date.now();
	let attempts = 0;
	let earlierAttemptReached = false;
	for (;;) {
		// The provider counts the request somewhere between its start and its answer: the limiter
		// holds it as in flight until then.
		const answered = await options.limiter?.acquire();
		attempts++;
		let response: ProviderResponse | undefined;
		let networkError: string | undefined;
		let reached = true;
		try {
			const raw = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				options.credentialType,
				{ ...prepared, headers: { ...prepared.headers } },
			)) as { statusCode: number; headers?: ProviderResponse['headers']; body: unknown };
			const parsed = parseBody(raw.body);
			if (options.scrub) parsed.body = options.scrub(parsed.body);
			response = { statusCode: raw.statusCode, headers: raw.headers ?? {}, ...parsed };
		} catch (error) {
			({ reason: networkError, reached } = networkFailure(error, policy.timeoutMs));
		} finally {
			answered?.();
		}

		if (response && !isRetryableStatus(response.statusCode)) {
			return { ok: true, response, attempts, ...(earlierAttemptReached ? { earlierAttemptReached } : {}) };
		}
		const retry = attempts - 1;
		const what = response ? `HTTP ${response.statusCode}` : networkError!;
		const status = response?.statusCode;
		// 408, 429 and 503 say the request was not processed ("come back later"); so does a refused connection.
		const unreached = response ? status === 408 || status === 429 || status === 503 : !reached;
		if (options.retryOn === 'unreached' && !unreached) {
			const why = `${what}; not retried, since ${status === undefined ? 'the request may have reached the provider' : 'the provider may have acted on it'}`;
			return { ok: false, response, networkError, reached: true, attempts, gaveUp: why };
		}
		if (!unreached) earlierAttemptReached = true;
		if (retry >= policy.maxRetries) {
			return { ok: false, response, networkError, reached, attempts, gaveUp: `${what} after ${attempts} attempt${attempts === 1 ? '' : 's'}` };
		}
		let wait = backoffMs(retry, policy);
		if (response) {
			const hinted =
				retryAfterMs(response.headers['retry-after']) ?? options.retryAfterFromBody?.(response.body);
			if (hinted !== undefined) wait = Math.max(hinted, 0);
			if (response.statusCode === 429) options.limiter?.rateLimited(wait);
		}
		if (wait > policy.maxDelayMs || Date.now() - started + wait > policy.maxTotalMs) {
			return {
				ok: false,
				response,
				networkError,
				reached,
				attempts,
				gaveUp: `${what}; the next retry would wait ${Math.ceil(wait / 1000)} s, beyond the retry budget`,
			};
		}
		await sleep(wait);
	}
}
