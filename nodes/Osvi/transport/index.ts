import type { IDataObject } from 'n8n-workflow';

import { createProviderClient } from '../../shared/transport/client';

/** OSVI's error text: `{error: "..."}` on most pages, `{errors: [...]}` on the introduction page. */
function osviErrorText(body: unknown): string | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const { error, errors, message } = body as { error?: unknown; errors?: unknown; message?: unknown };
	if (typeof error === 'string') return error;
	if (Array.isArray(errors)) return errors.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join('; ');
	return typeof message === 'string' ? message : undefined;
}

export const osviClient = createProviderClient({
	provider: 'OSVI',
	credentialType: 'osviApi',
	credentialName: 'OSVI API',
	keyField: 'API Token',
	defaultBaseUrl: 'https://api.osvi.ai',
	secretFields: ['apiToken'],
	errorText: osviErrorText,
	hints: {
		404: 'Check the ID: OSVI has no such campaign or agent on this account.',
		422: 'Configure an outbound trunk for the agent in OSVI, or send without Enqueue.',
	},
});

/** The entries of a list answer, whether `data` is the array or an object that wraps it. */
export function listOf(body: IDataObject | IDataObject[]): IDataObject[] {
	const data = Array.isArray(body) ? body : body.data;
	if (Array.isArray(data)) return data as IDataObject[];
	if (data && typeof data === 'object') {
		const inner = Object.values(data).find((value) => Array.isArray(value));
		if (inner) return inner as IDataObject[];
	}
	return [];
}

/** `data` of an OSVI answer, or the answer itself. */
export function dataOf(body: IDataObject | IDataObject[]): IDataObject {
	if (Array.isArray(body)) return { data: body };
	const data = body.data;
	return data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : body;
}
