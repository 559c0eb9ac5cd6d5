import {
	NodeApiError,
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import type { Pacer } from './limiter';

/** The credential's Base URL without trailing slashes; `fallback` (the documented host) when empty. */
export async function credentialBaseUrl(
	context: IExecuteFunctions,
	credentialType: string,
	fallback = '',
): Promise<string> {
	const { baseUrl } = await context.getCredentials<{ baseUrl?: string }>(credentialType);
	return (String(baseUrl ?? '').trim() || fallback).replace(/\/+$/, '');
}

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

export { RateLimiter } from './limiter';

export interface SendOptions {
	credentialType: string;
	policy?: Partial<RetryPolicy>;
	limiter?: Pacer;
	/** Reads a provider's "retry at" hint from an error body (e.g. Truedy's `error.details.reset_at`), in ms from now. */
	retryAfterFromBody?: (body: unknown) => number | undefined;
}

/** How a request ended after its retries. */
export type SendResult =
	| { ok: true; response: ProviderResponse; attempts: number }
	| { ok: false; response?: ProviderResponse; networkError?: string; attempts: number; gaveUp: string };

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

/** The network-level reason of a failed request, without request details such as headers. */
function networkReason(error: unknown): string {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
	}
	const message = (error as { message?: unknown })?.message;
	return typeof message === 'string' ? message.slice(0, 200) : 'network error';
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
	context: IExecuteFunctions,
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
	for (;;) {
		await options.limiter?.acquire();
		attempts++;
		let response: ProviderResponse | undefined;
		let networkError: string | undefined;
		try {
			const raw = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				options.credentialType,
				{ ...prepared, headers: { ...prepared.headers } },
			)) as { statusCode: number; headers?: ProviderResponse['headers']; body: unknown };
			response = { statusCode: raw.statusCode, headers: raw.headers ?? {}, ...parseBody(raw.body) };
		} catch (error) {
			networkError = networkReason(error);
		}

		if (response && !isRetryableStatus(response.statusCode)) {
			return { ok: true, response, attempts };
		}
		const retry = attempts - 1;
		const what = response ? `HTTP ${response.statusCode}` : networkError!;
		if (retry >= policy.maxRetries) {
			return { ok: false, response, networkError, attempts, gaveUp: `${what} after ${attempts} attempts` };
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
				attempts,
				gaveUp: `${what}; the next retry would wait ${Math.ceil(wait / 1000)} s, beyond the retry budget`,
			};
		}
		await sleep(wait);
	}
}

/** Builds the NodeApiError for a request that did not succeed, without secrets or headers. */
export function providerError(
	context: IExecuteFunctions,
	provider: string,
	result: Extract<SendResult, { ok: false }> | { response: ProviderResponse; gaveUp?: string },
	describe: (response: ProviderResponse) => string,
	extra: { message?: string; itemIndex?: number } = {},
): NodeApiError {
	const response = result.response;
	const detail = response ? describe(response) : (result as { networkError?: string }).networkError ?? 'no response';
	const message = extra.message ?? `${provider} request failed: ${detail}`;
	const description = result.gaveUp ? `Gave up: ${result.gaveUp}.` : undefined;
	const errorResponse: JsonObject = {
		message: detail,
		...(response ? { httpCode: String(response.statusCode), body: (response.body ?? null) as JsonObject } : {}),
	};
	return new NodeApiError(context.getNode(), errorResponse, {
		message,
		description,
		httpCode: response ? String(response.statusCode) : undefined,
		itemIndex: extra.itemIndex,
	});
}

