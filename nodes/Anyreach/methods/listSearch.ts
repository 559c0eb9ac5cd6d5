import { NodeOperationError, type IDataObject, type ILoadOptionsFunctions, type INodeListSearchItems, type INodeListSearchResult } from 'n8n-workflow';

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

/** A contact as a list entry: its first number, then its external_id or name where it has one. */
function contactEntry(contact: IDataObject): INodeListSearchItems | undefined {
	const id = contact.id;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const phones = Array.isArray(contact.phone_numbers) ? (contact.phone_numbers as unknown[]).map(String) : [];
	const data = (contact.data && typeof contact.data === 'object' ? contact.data : {}) as IDataObject;
	const label = [contact.external_id, data.name ?? data.first_name].filter((part) => typeof part === 'string' && part !== '');
	const name = [phones[0] ?? `Contact ${id}`, ...label.map((part) => `(${String(part)})`)].join(' ');
	return { name, value: String(id) };
}

// GET /campaign/campaigns/{id}/contacts (limit/offset) of the campaign chosen above: the search
// text filters the loaded page by number, external_id or name (no contact filter is documented).
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const campaign = this.getCurrentNodeParameter('campaignId', { extractValue: true });
	const campaignId = typeof campaign === 'string' || typeof campaign === 'number' ? String(campaign).trim() : '';
	if (campaignId === '' || campaignId.startsWith('=')) {
		throw new NodeOperationError(this.getNode(), 'Choose the Campaign first', {
			description: 'The contact list is read from the campaign chosen above; with an expression there, give the Contact ID By ID.',
		});
	}
	const offset = Number(paginationToken ?? 0) || 0;
	const body = await anyreachClient.request(
		this,
		{ method: 'GET', path: `/campaign/campaigns/${encodeURIComponent(campaignId)}/contacts`, qs: { limit: LIST_PAGE_SIZE, offset } },
		{ doing: 'listing contacts' },
	);
	const page = listOf(body);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = page
		.flatMap((contact) => contactEntry(contact) ?? [])
		.filter((item) => wanted === '' || item.name.toLowerCase().includes(wanted) || String(item.value).toLowerCase().includes(wanted));
	return { results, paginationToken: page.length === LIST_PAGE_SIZE ? String(offset + LIST_PAGE_SIZE) : undefined };
}
