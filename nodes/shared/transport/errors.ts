import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { ProviderResponse, SendResult } from './http';

/** How a provider words its errors, and what the user should do about each status. */
export interface ProviderErrorWords {
	provider: string;
	/** The credential's display name and the field a refused key points at, e.g. "API Token". */
	credentialName: string;
	keyField: string;
	/** The provider's own words in an error body, if it has any. */
	errorText: (body: unknown) => string | undefined;
	/** What to do, by HTTP status (401 is said by this module). */
	hints?: Record<number, string>;
}

export interface ErrorContext {
	itemIndex?: number;
	/** What was being done, e.g. `adding contacts to campaign 42`. */
	doing?: string;
	/** Replaces the 404 hint, e.g. "No campaign 42 on this account: check the Campaign ID." */
	notFound?: string;
	/** Replaces the provider's hint for these statuses, where this request's refusal means something more precise. */
	hints?: Record<number, string>;
}

/** At most `max` characters of a provider's text, marked where it was cut. */
export function quote(text: string, max = 100): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The provider's words for an answer: its error text, or a quote of the body. */
export function answerText(words: ProviderErrorWords, response: ProviderResponse): string {
	const own = words.errorText(response.body);
	if (own) return quote(own, 300);
	if (typeof response.body === 'string' && response.body.trim() !== '') return `"${quote(response.body)}"`;
	return 'no error text';
}

/**
 * One NodeApiError for a request that did not succeed. It says once what happened (a refused key
 * as such, a time-out as such) and what to do; the provider's answer is kept (already scrubbed of
 * secrets by the client), never a request header.
 */
export function requestError(node: INode, words: ProviderErrorWords, result: SendResult, extra: ErrorContext = {}): NodeApiError {
	const { provider } = words;
	const response = result.response;
	const doing = extra.doing ? ` while ${extra.doing}` : '';
	const gaveUp = result.ok ? undefined : result.gaveUp;
	let message: string;
	let todo: string;
	if (!response) {
		const reason = result.ok ? 'no response' : (result.networkError ?? 'no response');
		// A request that never reached the provider, against one whose answer was lost or late.
		const unreached = !result.ok && !result.reached;
		message = unreached ? `${provider} could not be reached${doing}: ${reason}` : `${provider} did not answer${doing}: ${reason}`;
		todo = unreached
			? `Check the Base URL of the ${words.credentialName} credential and the network between n8n and ${provider}, then run again.`
			: `The request may have reached ${provider}; check the network between n8n and ${provider} (or raise the Request Timeout option).`;
	} else if (response.statusCode === 401) {
		message = `${provider} refused the API key (HTTP 401)${doing}: ${answerText(words, response)}`;
		todo = `Check the ${words.keyField} of the ${words.credentialName} credential: it must be an active ${provider} key.`;
	} else {
		message = `${provider} refused the request${doing} (HTTP ${response.statusCode}): ${answerText(words, response)}`;
		const hint = response.statusCode === 404 && extra.notFound ? extra.notFound : (extra.hints?.[response.statusCode] ?? words.hints?.[response.statusCode]);
		todo = hint ?? (response.statusCode >= 500 ? `${provider} had a server problem; try again later.` : `Check the request against ${provider}'s API documentation.`);
	}
	const errorResponse: JsonObject = {
		message,
		...(response ? { httpCode: String(response.statusCode), body: (response.body ?? null) as JsonObject } : {}),
	};
	const retried = gaveUp && !/ after 1 attempt$/.test(gaveUp) ? ` (${gaveUp})` : '';
	return new NodeApiError(node, errorResponse, {
		message,
		description: `${todo}${retried}`,
		httpCode: response ? String(response.statusCode) : undefined,
		itemIndex: extra.itemIndex,
	});
}

/** A 2xx answer a read could not use: never returned as a "successful" item. */
export function unreadableAnswerError(node: INode, provider: string, response: ProviderResponse, extra: ErrorContext = {}): NodeApiError {
	const body = typeof response.body === 'string' ? `"${quote(response.body)}"` : response.body === null ? 'an empty body' : 'an answer of an unexpected shape';
	const message = `${provider} answered HTTP ${response.statusCode}${extra.doing ? ` while ${extra.doing}` : ''} with ${body}, which could not be read`;
	return new NodeApiError(node, { message, httpCode: String(response.statusCode) } as JsonObject, {
		message,
		description: `The request may have succeeded; check in ${provider} before running it again.`,
		httpCode: String(response.statusCode),
		itemIndex: extra.itemIndex,
	});
}
