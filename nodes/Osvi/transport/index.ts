import type { IDataObject, IExecuteFunctions, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import {
	credentialBaseUrl,
	providerError,
	sendWithRetry,
	type ProviderResponse,
	type RetryPolicy,
	type SendResult,
} from '../../shared/transport/http';

export const OSVI_CREDENTIAL = 'osviApi';


/** OSVI's error text: `{error: "..."}` on most pages, `{errors: [...]}` on the introduction page. */
export function osviErrorText(response: ProviderResponse): string {
	const body = response.body as { error?: unknown; errors?: unknown; message?: unknown } | string | null;
	let text: string | undefined;
	if (body && typeof body === 'object') {
		if (typeof body.error === 'string') text = body.error;
		else if (Array.isArray(body.errors)) {
			text = body.errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join('; ');
		} else if (typeof body.message === 'string') text = body.message;
	} else if (typeof body === 'string' && body.trim() !== '') {
		text = body.slice(0, 200);
	}
	const hint: Record<number, string> = {
		401: 'check the API token of the OSVI API credential',
		404: 'the campaign or agent is not on this OSVI account',
		422: 'configure an outbound trunk for the agent in OSVI, or send without Enqueue',
	};
	const detail = `HTTP ${response.statusCode}: ${text ?? 'no error text'}`;
	return hint[response.statusCode] ? `${detail} (${hint[response.statusCode]})` : detail;
}

export interface OsviRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** Sends a request to OSVI with retries; returns the raw result for callers that read error bodies. */
export async function osviSend(
	this: IExecuteFunctions,
	request: OsviRequest,
	policy?: Partial<RetryPolicy>,
): Promise<SendResult> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${await credentialBaseUrl(this, OSVI_CREDENTIAL, 'https://api.osvi.ai')}${request.path}`,
		body: request.body,
		qs: request.qs,
	};
	return await sendWithRetry(this, options, { credentialType: OSVI_CREDENTIAL, policy });
}

/** Sends a request to OSVI and returns its JSON body, or throws a NodeApiError that says what to do. */
export async function osviRequest(
	this: IExecuteFunctions,
	request: OsviRequest,
	itemIndex?: number,
	policy?: Partial<RetryPolicy>,
): Promise<IDataObject> {
	const result = await osviSend.call(this, request, policy);
	if (!result.ok || result.response.statusCode >= 300) {
		throw providerError(this, 'OSVI', result, osviErrorText, { itemIndex });
	}
	const body = result.response.body;
	return body && typeof body === 'object' ? (body as IDataObject) : { response: body as string };
}

/** The entries of a list answer, whether `data` is the array or an object that wraps it. */
export function listOf(body: IDataObject): IDataObject[] {
	const data = body.data;
	if (Array.isArray(data)) return data as IDataObject[];
	if (data && typeof data === 'object') {
		const inner = Object.values(data).find((value) => Array.isArray(value));
		if (inner) return inner as IDataObject[];
	}
	return [];
}
