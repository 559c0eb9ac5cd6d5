import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { anyreachClient, listOf, nextCursor } from '../transport';

/** One page of a From List dropdown: n8n asks again with the cursor when the user scrolls. */
const LIST_PAGE_SIZE = 50;

/** A list entry: the name (a configuration may have none: its kind and ID then) and the status. */
function entry(item: IDataObject, kind: string): INodeListSearchItems | undefined {
	const id = item.id;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const name = typeof item.name === 'string' && item.name.trim() !== '' ? item.name : `${kind} ${id}`;
	const status = typeof item.status === 'string' ? ` (${item.status})` : '';
	return { name: `${name}${status}`, value: String(id) };
}

// GET /campaign/campaigns: cursor pagination and a `name` filter (supplement, campaigns overview).
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: LIST_PAGE_SIZE };
	if (filter?.trim()) qs.name = filter.trim();
	if (paginationToken) qs.cursor = paginationToken;
	const body = await anyreachClient.request(this, { method: 'GET', path: '/campaign/campaigns', qs }, { doing: 'listing campaigns' });
	const results = listOf(body).flatMap((item) => entry(item, 'Campaign') ?? []);
	return { results, paginationToken: nextCursor(body) };
}

// GET /campaign/configurations: cursor pagination; no name filter is documented, so the filter
// is applied to the page Anyreach returned.
export async function searchConfigurations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { limit: LIST_PAGE_SIZE };
	if (paginationToken) qs.cursor = paginationToken;
	const body = await anyreachClient.request(this, { method: 'GET', path: '/campaign/configurations', qs }, { doing: 'listing configurations' });
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = listOf(body)
		.flatMap((item) => entry(item, 'Configuration') ?? [])
		.filter((item) => wanted === '' || item.name.toLowerCase().includes(wanted) || String(item.value).toLowerCase().includes(wanted));
	return { results, paginationToken: nextCursor(body) };
}
