import type { IDataObject } from 'n8n-workflow';

import { createProviderClient } from '../../shared/transport/client';

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
		const parts = Object.entries(details as IDataObject).map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
		return parts.length > 0 ? parts.join('; ') : undefined;
	}
	return String(details);
}

/** OSMTalk's own words in an error body: `error` (or `message`) and its `details`. */
export function osmTalkErrorText(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const { error, message, details } = body as { error?: unknown; message?: unknown; details?: unknown };
	const own = error ?? message;
	let text: string | undefined;
	if (typeof own === 'string') text = own;
	else if (own && typeof own === 'object') text = String((own as IDataObject).message ?? JSON.stringify(own));
	const detail = detailsText(details);
	if (detail) text = text ? `${text} (${detail})` : detail;
	return text;
}

/** The error table of the Campaigns API; the hints say what the user can do about each status. */
export const osmTalkClient = createProviderClient({
	provider: 'OSMTalk',
	credentialType: 'osmTalkApi',
	credentialName: 'OSMTalk API',
	keyField: 'API Key',
	defaultBaseUrl: 'https://api.osmtalk.com',
	secretFields: ['apiKey', 'webhookSecret'],
	errorText: osmTalkErrorText,
	hints: {
		400: 'OSMTalk found the request invalid: change what its error names and run the node again.',
		402: 'The OSMTalk account has run out of credits: add credits in the OSMTalk dashboard (billing), then run the node again.',
		404: "Check that the campaign, agent or phone number ID exists in this OSMTalk account, and that the credential's Base URL points at the right OSMTalk host.",
		429: "OSMTalk's concurrency limit was hit and the retries ran out: wait a minute and run again, or lower the campaign's Max Concurrent.",
		500: "OSMTalk documents HTTP 500 as a failure to spawn the voice bot or place the SIP call: check the campaign's agent and phone number (its SIP trunk) in OSMTalk and try again later; if it keeps failing, contact OSMTalk support.",
	},
});

/** The entries of a list answer: the body itself when it is an array, else its `key` or first array property. */
export function listOf(body: unknown, key?: string): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	if (!body || typeof body !== 'object') return [];
	const object = body as IDataObject;
	if (key && Array.isArray(object[key])) return object[key] as IDataObject[];
	const data = object.data;
	if (Array.isArray(data)) return data as IDataObject[];
	const inner = Object.values(data && typeof data === 'object' ? (data as IDataObject) : object).find((value) => Array.isArray(value));
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
