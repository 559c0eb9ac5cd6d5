import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type JsonObject,
} from 'n8n-workflow';

import { credentialBaseUrl, sendWithRetry, type ProviderResponse, type RetryPolicy, type SendResult } from '../../shared/transport/http';

export const OSMTALK_CREDENTIAL = 'osmTalkApi';

const DEFAULT_BASE_URL = 'https://api.osmtalk.com';


export interface OsmTalkRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** Sends a request to OSMTalk with retries on 408 / 429 / 5xx / network errors; never throws for a status. */
export async function osmTalkSend(
	this: IExecuteFunctions,
	request: OsmTalkRequest,
	policy?: Partial<RetryPolicy>,
): Promise<SendResult> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${await credentialBaseUrl(this, OSMTALK_CREDENTIAL, DEFAULT_BASE_URL)}${request.path}`,
		body: request.body,
		qs: request.qs,
	};
	return await sendWithRetry(this, options, { credentialType: OSMTALK_CREDENTIAL, policy });
}

/** `details` of a 400, whatever its shape: `[{field, message}]`, `{field: message}` or a string. */
export function detailsText(details: unknown): string | undefined {
	if (details === null || details === undefined || details === '') return undefined;
	if (typeof details === 'string') return details;
	if (Array.isArray(details)) {
		const parts = details.map((entry) => {
			if (typeof entry === 'string') return entry;
			const { field, path, message, error } = (entry ?? {}) as IDataObject;
			const where = field ?? path;
			const what = message ?? error;
			if (where !== undefined && what !== undefined) return `${Array.isArray(where) ? where.join('.') : String(where)}: ${String(what)}`;
			return JSON.stringify(entry);
		});
		return parts.length > 0 ? parts.join('; ') : undefined;
	}
	if (typeof details === 'object') {
		const parts = Object.entries(details as IDataObject).map(
			([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
		);
		return parts.length > 0 ? parts.join('; ') : undefined;
	}
	return String(details);
}

/** OSMTalk's own words for a failed request: `error` and `details` of its error body. */
export function osmTalkErrorText(response: ProviderResponse): string {
	const body = response.body as { error?: unknown; message?: unknown; details?: unknown } | string | null;
	let text: string | undefined;
	if (body && typeof body === 'object') {
		const error = body.error ?? body.message;
		if (typeof error === 'string') text = error;
		else if (error && typeof error === 'object') text = String((error as IDataObject).message ?? JSON.stringify(error));
		const details = detailsText(body.details);
		if (details) text = text ? `${text} (${details})` : details;
	} else if (typeof body === 'string' && body.trim() !== '') {
		text = response.bodyIsJson ? body : `unreadable answer: ${body.slice(0, 120)}`;
	}
	return text ?? 'no error text';
}

/** What each documented status means, and what the user should do about it. */
const STATUS_HELP: Record<number, { meaning: string; todo: string }> = {
	400: {
		meaning: 'validation failed',
		todo: 'OSMTalk refused the request as invalid; change what the error names and run the node again.',
	},
	401: {
		meaning: 'the API key was refused',
		todo: 'Check the API Key of the OSMTalk API credential: it must be an active OSMTalk API key (it is sent as a Bearer token). Create a new key in the OSMTalk dashboard if it was revoked.',
	},
	402: {
		meaning: 'insufficient credits',
		todo: 'The OSMTalk account has run out of credits. Add credits in the OSMTalk dashboard (billing), then run the node again.',
	},
	404: {
		meaning: 'not found',
		todo: 'Check that the campaign, agent or phone number ID exists in this OSMTalk account, and that the credential\'s Base URL points at the right OSMTalk host.',
	},
	429: {
		meaning: 'concurrency limit hit',
		todo: "OSMTalk's concurrency limit was hit and the retries ran out. Wait a minute and run again, or lower the campaign's Max Concurrent.",
	},
	500: {
		meaning: 'bot spawn or SIP failure',
		todo: "OSMTalk could not spawn the voice bot or place the SIP call. Check the campaign's agent and phone number (its SIP trunk) in OSMTalk and try again later; if it keeps failing, contact OSMTalk support.",
	},
};

export interface ErrorContext {
	itemIndex?: number;
	/** Replaces the generic 404 advice, e.g. "Check the Do-Not-Call entry ID". */
	notFound?: string;
	/** What was being done, e.g. `starting campaign "cmp_1"`. */
	doing?: string;
}

/** A NodeApiError for a request that did not succeed, saying what it means and what to do; never holds secrets. */
export function osmTalkError(
	context: IExecuteFunctions,
	result: SendResult,
	extra: ErrorContext = {},
): NodeApiError {
	const { response } = result;
	const gaveUp = result.ok ? undefined : result.gaveUp;
	const doing = extra.doing ? ` while ${extra.doing}` : '';
	let message: string;
	let todo: string;
	if (!response) {
		const reason = result.ok ? 'no response' : (result.networkError ?? 'no response');
		message = `OSMTalk could not be reached${doing}: ${reason}`;
		todo = "Check the Base URL of the OSMTalk API credential and the network between n8n and OSMTalk, then run again.";
	} else {
		const status = response.statusCode;
		const help = STATUS_HELP[status] ?? (status >= 500 ? { meaning: 'OSMTalk is unavailable', todo: 'OSMTalk had a server problem. Try again later.' } : undefined);
		message = `OSMTalk${help ? `: ${help.meaning}` : ' refused the request'}${doing} (HTTP ${status}): ${osmTalkErrorText(response)}`;
		todo = status === 404 && extra.notFound ? extra.notFound : (help?.todo ?? 'Check the request against the OSMTalk API documentation.');
	}
	const errorResponse: JsonObject = {
		message,
		...(response ? { httpCode: String(response.statusCode), body: (response.body ?? null) as JsonObject } : {}),
	};
	return new NodeApiError(context.getNode(), errorResponse, {
		message,
		description: gaveUp ? `${todo} (Gave up: ${gaveUp}.)` : todo,
		httpCode: response ? String(response.statusCode) : undefined,
		itemIndex: extra.itemIndex,
	});
}

/** Sends a request and returns its body, or throws a NodeApiError that says what to do. */
export async function osmTalkRequest(
	this: IExecuteFunctions,
	request: OsmTalkRequest,
	extra: ErrorContext = {},
): Promise<unknown> {
	const result = await osmTalkSend.call(this, request);
	if (!result.ok || result.response.statusCode >= 300) throw osmTalkError(this, result, extra);
	return result.response.body;
}

/** The entries of a list answer: the body itself when it is an array, else its `key` or first array property. */
export function listOf(body: unknown, key?: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const object = body as IDataObject;
	if (key && Array.isArray(object[key])) return object[key] as IDataObject[];
	const data = object.data;
	if (Array.isArray(data)) return data as IDataObject[];
	const inner = Object.values(data && typeof data === 'object' ? (data as IDataObject) : object).find((value) =>
		Array.isArray(value),
	);
	return (inner as IDataObject[] | undefined) ?? [];
}

/** A campaign from an answer that is the campaign itself or wraps it in `campaign`. */
export function campaignOf(body: unknown): IDataObject {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
	const object = body as IDataObject;
	const inner = object.campaign;
	if (inner && typeof inner === 'object' && !Array.isArray(inner) && object.id === undefined) return inner as IDataObject;
	return object;
}
