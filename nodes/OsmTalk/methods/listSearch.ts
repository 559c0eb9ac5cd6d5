import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { listOf, osmTalkClient } from '../transport';

/**
 * The states an operation accepts a campaign in (osmtalk-campaigns-api.md: the lifecycle table,
 * and DELETE "only when draft / completed / failed"): its list shows only those campaigns.
 */
const STATES_BY_OPERATION: Record<string, string[]> = {
	start: ['draft', 'scheduled'],
	pause: ['running'],
	resume: ['paused'],
	stop: ['running', 'paused', 'scheduled'],
	delete: ['draft', 'completed', 'failed'],
};

const DOCUMENTED_STATES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'failed'];

function entry(campaign: IDataObject): INodeListSearchItems | undefined {
	const id = campaign.id;
	if (typeof id !== 'string' && typeof id !== 'number') return undefined;
	const name = typeof campaign.name === 'string' && campaign.name.trim() !== '' ? campaign.name : `Campaign ${id}`;
	const status = typeof campaign.status === 'string' ? ` (${campaign.status})` : '';
	return { name: `${name}${status}`, value: String(id) };
}

// GET /api/campaigns?status=…: one `status` filter and no pagination are documented. The search
// text matches a campaign's name, ID or state; typed as a state ("running"), it is sent as the
// `status` filter. An operation that accepts campaigns only in some states lists only those.
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const text = filter?.trim().toLowerCase() ?? '';
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	const resource = String(this.getCurrentNodeParameter('resource') ?? '');
	const allowed = resource === 'campaign' ? STATES_BY_OPERATION[operation] : undefined;
	const typedState = DOCUMENTED_STATES.includes(text) ? text : undefined;
	const states = typedState ? (allowed ?? [typedState]).filter((state) => state === typedState) : allowed;
	if (states?.length === 0) return { results: [] };
	const qs: IDataObject = states?.length === 1 ? { status: states[0] } : {};
	const body = await osmTalkClient.request(this, { method: 'GET', path: '/api/campaigns', qs }, { doing: 'listing campaigns' });
	const results = listOf(body, 'campaigns')
		.filter((campaign) => !states || states.includes(String(campaign.status)))
		.flatMap((campaign) => entry(campaign) ?? [])
		.filter((item) => typedState !== undefined || text === '' || item.name.toLowerCase().includes(text) || String(item.value).toLowerCase().includes(text));
	return { results };
}

/** Entries shown per page of the Do-Not-Call list (up to 50,000 entries come in one answer). */
const ENTRY_PAGE_SIZE = 100;

// GET /api/campaigns/dnc: the whole list in one answer (no query parameters documented). The
// search text matches a number (digits only, so "98765" finds "+91 98765…") or a reason; the
// pages the editor asks for as the user scrolls are cut locally.
export async function searchDoNotCallEntries(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const body = await osmTalkClient.request(this, { method: 'GET', path: '/api/campaigns/dnc' }, { doing: 'reading the Do-Not-Call list' });
	const text = filter?.trim().toLowerCase() ?? '';
	const digits = text.replace(/\D/g, '');
	const matching = listOf(body, 'entries').flatMap((entry): INodeListSearchItems[] => {
		const id = entry.id;
		if (typeof id !== 'string' && typeof id !== 'number') return [];
		const phone = String(entry.phoneNumber ?? entry.phone ?? '');
		const reason = typeof entry.reason === 'string' && entry.reason !== '' ? ` (${entry.reason})` : '';
		const name = `${phone}${reason}`;
		const found = text === '' || name.toLowerCase().includes(text) || (digits !== '' && phone.replace(/\D/g, '').includes(digits));
		return found ? [{ name, value: String(id) }] : [];
	});
	const offset = Number(paginationToken ?? 0) || 0;
	const next = offset + ENTRY_PAGE_SIZE;
	return { results: matching.slice(offset, next), paginationToken: next < matching.length ? String(next) : undefined };
}
