import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
} from 'n8n-workflow';

import {
	providerError,
	sendWithRetry,
	type ProviderResponse,
	type RetryPolicy,
	type SendResult,
} from '../../shared/transport/http';

export const ANYREACH_CREDENTIAL = 'anyreachApi';

interface AnyreachCredentials {
	token?: string;
	organizationId?: string;
	baseUrl?: string;
}

/** The base URL, after checking the one credential mistake that can be seen before sending. */
async function baseUrl(context: IExecuteFunctions, itemIndex?: number): Promise<string> {
	const credentials = await context.getCredentials<AnyreachCredentials>(ANYREACH_CREDENTIAL);
	const token = String(credentials.token ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
	if (token.startsWith('pat_') && String(credentials.organizationId ?? '').trim() === '') {
		throw new NodeOperationError(
			context.getNode(),
			'The Anyreach API credential uses a personal access token (pat_…) but has no Organization ID',
			{
				itemIndex,
				description:
					'A personal access token is not bound to an organization: set Organization ID in the credential (it is sent as the X-Anyreach-Org header), or use an organization API key (ak_…). Anyreach would answer 401 "Token is missing organization claim".',
			},
		);
	}
	return (credentials.baseUrl || 'https://api.anyreach.ai').replace(/\/+$/, '');
}

/** Anyreach's error text: `detail` as a string, an object with a message, or a validation list. */
export function anyreachDetail(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() === '' ? undefined : body.slice(0, 300);
	if (!body || typeof body !== 'object') return undefined;
	const { detail, message, error } = body as { detail?: unknown; message?: unknown; error?: unknown };
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) {
		return detail
			.slice(0, 5)
			.map((entry) => {
				if (typeof entry === 'string') return entry;
				const { loc, msg } = (entry ?? {}) as { loc?: unknown; msg?: unknown };
				const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
				return where ? `${where}: ${String(msg ?? 'invalid')}` : String(msg ?? JSON.stringify(entry));
			})
			.join('; ');
	}
	if (detail && typeof detail === 'object') {
		const inner = detail as { message?: unknown; invalid_numbers?: unknown };
		const numbers = Array.isArray(inner.invalid_numbers) ? ` (${inner.invalid_numbers.slice(0, 5).join(', ')})` : '';
		if (typeof inner.message === 'string') return `${inner.message}${numbers}`;
		return JSON.stringify(detail).slice(0, 300);
	}
	if (typeof message === 'string') return message;
	if (typeof error === 'string') return error;
	if (error && typeof error === 'object' && typeof (error as IDataObject).message === 'string') {
		return (error as IDataObject).message as string;
	}
	return undefined;
}

/** What a failed Anyreach answer means, with what to do about it. */
export function anyreachErrorText(response: ProviderResponse): string {
	const text = anyreachDetail(response.body);
	let hint: string | undefined;
	switch (response.statusCode) {
		case 401:
			hint = /organization claim/i.test(text ?? '')
				? 'a personal access token (pat_…) needs the Organization ID in the Anyreach API credential'
				: 'check the token of the Anyreach API credential';
			break;
		case 403:
			hint = 'the token lacks the scope for this action: campaigns:read to read, campaigns:manage to change anything';
			break;
		case 404:
			hint = 'nothing with this ID or external_id in the organization';
			break;
		case 413:
			hint = 'the request is too large';
			break;
	}
	const detail = `HTTP ${response.statusCode}: ${text ?? (response.bodyIsJson ? 'no error text' : 'the answer was not JSON')}`;
	return hint ? `${detail} (${hint})` : detail;
}

export interface AnyreachRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** Sends a request to Anyreach with retries; returns the raw result for callers that read error bodies. */
export async function anyreachSend(
	this: IExecuteFunctions,
	request: AnyreachRequest,
	policy?: Partial<RetryPolicy>,
	itemIndex?: number,
): Promise<SendResult> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${await baseUrl(this, itemIndex)}${request.path}`,
		body: request.body,
		qs: request.qs,
		// `status` is a repeatable filter: status=active&status=paused
		arrayFormat: 'repeat',
	};
	return await sendWithRetry(this, options, { credentialType: ANYREACH_CREDENTIAL, policy });
}

/** Sends a request to Anyreach and returns its JSON body, or throws a NodeApiError that says what to do. */
export async function anyreachRequest(
	this: IExecuteFunctions,
	request: AnyreachRequest,
	itemIndex?: number,
	extra: { message?: (detail: string) => string; policy?: Partial<RetryPolicy> } = {},
): Promise<IDataObject> {
	const result = await anyreachSend.call(this, request, extra.policy, itemIndex);
	if (!result.ok || result.response.statusCode >= 300) {
		const message =
			extra.message && result.response ? extra.message(anyreachErrorText(result.response)) : undefined;
		throw providerError(this, 'Anyreach', result, anyreachErrorText, { itemIndex, message });
	}
	const body = result.response.body;
	if (body === null || body === undefined) return {};
	return typeof body === 'object' ? (body as IDataObject) : { response: body as string };
}

const LIST_KEYS = ['items', 'data', 'results', 'campaigns', 'contacts', 'configurations'];

/** The entries of a list answer: a bare array, or the first array under a usual key. */
export function listOf(body: unknown): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	for (const key of LIST_KEYS) {
		const value = (body as IDataObject)[key];
		if (Array.isArray(value)) return value as IDataObject[];
	}
	return [];
}

/** The cursor of the next page, when the answer has one. */
export function nextCursor(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const record = body as IDataObject;
	const nested = [record, record.pagination, record.meta, record.page_info].filter(
		(value): value is IDataObject => value !== null && typeof value === 'object',
	);
	for (const holder of nested) {
		for (const key of ['next_cursor', 'nextCursor', 'cursor_next']) {
			const value = holder[key];
			if (typeof value === 'string' && value !== '') return value;
		}
	}
	return undefined;
}

/** A path segment for a campaign / contact / configuration id, or a clear error when it is empty. */
export function idSegment(context: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, { itemIndex });
	}
	return encodeURIComponent(value);
}
