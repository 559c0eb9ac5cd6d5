import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { createProviderClient, type ClientRequest } from '../../shared/transport/client';

/** The token as the credential sends it: trimmed, without a pasted `Bearer ` prefix. */
function bearerToken(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
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

export const anyreachClient = createProviderClient({
	provider: 'Anyreach',
	credentialType: 'anyreachApi',
	credentialName: 'Anyreach API',
	// A personal access token is refused (401 "Token is missing organization claim") without its organization.
	keyField: 'Token (and, for a personal access token, the Organization ID)',
	defaultBaseUrl: 'https://api.anyreach.ai',
	secretFields: ['token'],
	errorText: anyreachDetail,
	hints: {
		403: 'The token lacks the scope for this action: campaigns:read to read, campaigns:manage to change anything.',
		404: 'Nothing with this ID or external_id in the organization: check the ID.',
		413: 'The request is too large: lower the Batch Size option.',
	},
	checkCredentials: (credentials) => {
		if (!bearerToken(credentials.token).startsWith('pat_') || String(credentials.organizationId ?? '').trim() !== '') return undefined;
		return {
			message: 'The Anyreach API credential uses a personal access token (pat_…) but has no Organization ID',
			description:
				'Nothing was sent. A personal access token is not bound to an organization: set Organization ID in the credential (it is sent as the X-Anyreach-Org header), or use an organization API key (ak_…). Anyreach would answer 401 "Token is missing organization claim".',
		};
	},
	// `status` is a repeatable filter: status=active&status=paused
	arrayFormat: 'repeat',
});

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

/** Largest page the node asks for (Anyreach does not document a maximum; 100 is a common cap). */
export const PAGE_SIZE = 100;

/**
 * Reads a cursor-paginated list (`limit` + `cursor`, the next cursor in the answer) until `wanted`
 * results or the last page. An answer without a cursor is the last page. `keep` drops entries
 * locally (a filter the provider may not apply); only kept entries count towards `wanted`.
 */
export async function readCursorPages(
	context: IExecuteFunctions,
	request: ClientRequest,
	wanted: number,
	itemIndex: number,
	doing: string,
	keep: (entry: IDataObject) => boolean = () => true,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const qs: IDataObject = { ...request.qs, limit: Math.min(PAGE_SIZE, wanted - results.length) };
		if (cursor !== undefined) qs.cursor = cursor;
		const body = await anyreachClient.request(context, { ...request, qs }, { itemIndex, doing });
		const entries = listOf(body);
		for (const entry of entries) if (results.length < wanted && keep(entry)) results.push(entry);
		cursor = nextCursor(body);
		if (cursor === undefined || entries.length === 0 || results.length >= wanted) return results;
		if (seen.has(cursor)) {
			throw new NodeOperationError(context.getNode(), `Anyreach returned the same page cursor twice ("${cursor}"); stopped after ${results.length} results`, {
				itemIndex,
			});
		}
		seen.add(cursor);
	}
}
