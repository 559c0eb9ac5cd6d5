/**
 * Anyreach's resource locators: Campaign and Configuration From List (listSearch over the
 * simulator, as the editor loads them), and the IDs they give to the operations — a locator
 * value, an older workflow's plain string, an expression per item, or nothing.
 */
import { ANYREACH_ORG_KEY } from '../../simulators/anyreach';
import { listSearch } from '../../support/editor';
import { items, run, sim, upsert } from './harness';

const credentials = () => ({ anyreachApi: { token: ANYREACH_ORG_KEY, organizationId: '', baseUrl: sim.baseUrl } });
const campaignPanel = { resource: 'campaign', operation: 'pause' };
const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });

describe('Anyreach › Campaign From List (searchCampaigns)', () => {
	it("loads the organization's campaigns with their status, each valued by its ID", async () => {
		const spring = sim.addCampaign({ name: 'Spring renewals' });
		const autumn = sim.addCampaign({ name: 'Autumn win-back', status: 'paused' });
		const result = await listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials());
		expect(result.results).toEqual([
			{ name: 'Spring renewals (active)', value: spring.id },
			{ name: 'Autumn win-back (paused)', value: autumn.id },
		]);
		expect(result.paginationToken).toBeUndefined();
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/campaign/campaigns', query: { limit: '50' } });
	});

	it("sends the search text as Anyreach's documented name filter", async () => {
		sim.addCampaign({ name: 'Spring renewals' });
		const autumn = sim.addCampaign({ name: 'Autumn win-back' });
		const result = await listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials(), 'autumn');
		expect(result.results).toEqual([{ name: 'Autumn win-back (active)', value: autumn.id }]);
		expect(sim.requests[0].query).toEqual({ limit: '50', name: 'autumn' });
	});

	it("pages with Anyreach's cursor: the editor asks again with the token until there is none", async () => {
		const created = Array.from({ length: 120 }, (_, i) => sim.addCampaign({ name: `Campaign ${String(i).padStart(3, '0')}` }));
		const first = await listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials());
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials(), undefined, first.paginationToken as string);
		const third = await listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials(), undefined, second.paginationToken as string);
		expect(third.paginationToken).toBeUndefined();
		const values = [...first.results, ...second.results, ...third.results].map((entry) => entry.value);
		expect(values).toEqual(created.map((campaign) => campaign.id));
		expect(sim.requests.map((request) => request.query.cursor)).toEqual([undefined, first.paginationToken, second.paginationToken]);
	});

	it('a provider that keeps failing is retried once, not for minutes, while the editor waits', async () => {
		sim.injectFaults([503, 503, 503].map((status) => ({ kind: 'status' as const, status, body: { detail: 'unavailable' } })));
		await expect(listSearch('anyreach', 'searchCampaigns', campaignPanel, credentials())).rejects.toThrow(/^Anyreach refused the request while listing campaigns \(HTTP 503\)/);
		expect(sim.requests).toHaveLength(2);
	});

	it('says the key was refused, naming the field, when the list cannot load', async () => {
		await expect(listSearch('anyreach', 'searchCampaigns', campaignPanel, { anyreachApi: { token: 'ak_wrong.value', organizationId: '', baseUrl: sim.baseUrl } })).rejects.toThrow(
			'Anyreach refused the API key (HTTP 401) while listing campaigns: Invalid token',
		);
	});
});

describe('Anyreach › Configuration From List (searchConfigurations)', () => {
	it('loads configurations, named by their ID when they have no name, and filters them locally', async () => {
		const first = sim.addConfiguration({ default_country_code: 'US' });
		const named = sim.addConfiguration({ name: 'Weekday calls', default_country_code: 'GB' });
		const all = await listSearch('anyreach', 'searchConfigurations', { resource: 'configuration', operation: 'get' }, credentials());
		expect(all.results).toEqual([
			{ name: `Configuration ${first.id}`, value: first.id },
			{ name: 'Weekday calls', value: named.id },
		]);
		const filtered = await listSearch('anyreach', 'searchConfigurations', { resource: 'configuration', operation: 'get' }, credentials(), 'weekday');
		expect(filtered.results).toEqual([{ name: 'Weekday calls', value: named.id }]);
		// No name filter is documented for configurations: none is sent.
		expect(sim.requests[1].query).toEqual({ limit: '50' });
	});
});

describe('Anyreach › Contact From List (searchContacts)', () => {
	async function addContacts(campaignId: string, count: number) {
		const contacts = Array.from({ length: count }, (_, i) => ({ phone_numbers: [`+1415555${String(1000 + i)}`], external_id: `crm-${i}` }));
		const response = await fetch(`${sim.baseUrl}/campaign/campaigns/${campaignId}/contacts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${ANYREACH_ORG_KEY}`, 'content-type': 'application/json' },
			body: JSON.stringify({ contacts }),
		});
		expect(response.status).toBeLessThan(300);
		sim.requests.length = 0;
		return sim.contactsOf(campaignId);
	}

	it("lists the chosen campaign's contacts by number and external_id, filtered and paged by offset", async () => {
		const campaign = sim.addCampaign();
		const stored = await addContacts(campaign.id, 60);
		const panel = { resource: 'contact', operation: 'get', campaignId: locator(campaign.id) };
		const first = await listSearch('anyreach', 'searchContacts', panel, credentials());
		expect(first.results[0]).toEqual({ name: '+14155551000 (crm-0)', value: String(stored[0].id) });
		expect(first.results).toHaveLength(50);
		const second = await listSearch('anyreach', 'searchContacts', panel, credentials(), undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await listSearch('anyreach', 'searchContacts', panel, credentials(), 'crm-7');
		expect(filtered.results.map((entry) => entry.name)).toEqual(['+14155551007 (crm-7)']);
		expect(sim.requests.map((request) => request.query)).toEqual([
			{ limit: '50', offset: '0' },
			{ limit: '50', offset: '50' },
			{ limit: '50', offset: '0' },
		]);
	});

	it('asks for the campaign first when none is chosen or it is an expression', async () => {
		const panel = { resource: 'contact', operation: 'delete', campaignId: locator('={{ $json.campaign }}', 'id') };
		await expect(listSearch('anyreach', 'searchContacts', panel, credentials())).rejects.toThrow('Choose the Campaign first');
		expect(sim.requests).toHaveLength(0);
	});

	it('a contact picked from the list is read', async () => {
		const campaign = sim.addCampaign();
		const [contact] = await addContacts(campaign.id, 1);
		const result = await run({ resource: 'contact', operation: 'get', campaignId: locator(campaign.id), contactId: locator(String(contact.id)) });
		expect(result.output[0].json).toMatchObject({ id: contact.id });
	});
});

describe('Anyreach › IDs given to the operations', () => {
	it('a campaign picked from the list is paused', async () => {
		const campaign = sim.addCampaign();
		const result = await run({ resource: 'campaign', operation: 'pause', campaignId: locator(campaign.id) });
		expect(result.error).toBeUndefined();
		expect(campaign.status).toBe('paused');
	});

	it("an older workflow's plain string ID still works, and so does By ID with an external_id", async () => {
		const campaign = sim.addCampaign({ external_id: 'crm-42' });
		const plain = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id });
		expect(plain.output[0].json).toMatchObject({ id: campaign.id });
		const byId = await run({ resource: 'campaign', operation: 'getStats', campaignId: locator(' crm-42 ', 'id') });
		expect(byId.error).toBeUndefined();
		expect(sim.requests.at(-1)?.path).toBe('/campaign/campaigns/crm-42/stats');
	});

	it('a configuration picked from the list is read', async () => {
		const config = sim.addConfiguration();
		const result = await run({ resource: 'configuration', operation: 'get', configurationId: locator(config.id) });
		expect(result.output[0].json).toMatchObject({ id: config.id });
	});

	it('an empty locator is refused before any request: by n8n when fixed, by the node when an expression, naming the item', async () => {
		await expect(run({ resource: 'campaign', operation: 'start', campaignId: locator('') })).rejects.toThrow('Parameter "Campaign" is required');
		const result = await run(
			{ resource: 'campaign', operation: 'start', campaignId: locator('={{ $json.campaign }}', 'id') },
			{ items: items({ campaign: sim.addCampaign().id }, { campaign: '  ' }) },
		);
		expect(result.error?.message).toBe('Campaign ID is empty (item 1)');
		const config = await run({ resource: 'configuration', operation: 'delete', configurationId: locator('={{ "" }}', 'id') });
		expect(config.error?.message).toBe('Configuration ID is empty (item 0)');
		expect(config.error?.description).toBe('Pick the configuration from the list or give its ID.');
		expect(sim.requests.map((request) => request.method)).toEqual(['POST']);
	});

	it('an upsert with a locator expression sends each item to its own campaign', async () => {
		const one = sim.addCampaign();
		const two = sim.addCampaign();
		const result = await run(
			{ ...upsert(''), campaignId: locator('={{ $json.campaign }}', 'id') },
			{ items: items({ phone: '+14155550101', campaign: one.id }, { phone: '+14155550102', campaign: two.id }) },
		);
		expect(result.error).toBeUndefined();
		const posts = sim.received('POST', /\/contacts$/);
		expect(posts.map((post) => post.path).sort()).toEqual([`/campaign/campaigns/${one.id}/contacts`, `/campaign/campaigns/${two.id}/contacts`].sort());
	});
});
