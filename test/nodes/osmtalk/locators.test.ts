/**
 * OSMTalk's Campaign resource locator: From List (listSearch over the simulator, as the editor
 * loads it) with the search text and the states an operation accepts, and the IDs it gives to
 * the operations — a locator value, an older workflow's plain string, an expression, or nothing.
 */
import { OSMTALK_KEY } from '../../simulators/osmtalk';
import { listSearch } from '../../support/editor';
import { items, osmTalkHarness } from './harness';

const osm = osmTalkHarness();
const credentials = () => ({ osmTalkApi: { apiKey: OSMTALK_KEY, baseUrl: osm.sim.baseUrl, webhookSecret: '' } });
const search = (operation: string, filter?: string, resource = 'campaign') =>
	listSearch('osmTalk', 'searchCampaigns', { resource, operation }, credentials(), filter);
const locator = (value: string, mode = 'list') => ({ __rl: true, mode, value });

function seedAll() {
	return {
		draft: osm.sim.seedCampaign({ name: 'Q3 draft', status: 'draft' }),
		running: osm.sim.seedCampaign({ name: 'Renewals running', status: 'running' }),
		paused: osm.sim.seedCampaign({ name: 'Renewals paused', status: 'paused' }),
		done: osm.sim.seedCampaign({ name: 'Old completed', status: 'completed' }),
	};
}

describe('OSMTalk › Campaign From List (searchCampaigns)', () => {
	it('loads every campaign with its state for an operation that takes any campaign', async () => {
		const { draft, running, paused, done } = seedAll();
		const result = await search('get');
		expect(result.results).toEqual([
			{ name: 'Q3 draft (draft)', value: draft.id },
			{ name: 'Renewals running (running)', value: running.id },
			{ name: 'Renewals paused (paused)', value: paused.id },
			{ name: 'Old completed (completed)', value: done.id },
		]);
		expect(osm.sim.requests[0]).toMatchObject({ method: 'GET', path: '/api/campaigns', query: {} });
	});

	it("lists only the campaigns an operation accepts, with OSMTalk's status filter where one state fits", async () => {
		const { draft, running, paused, done } = seedAll();
		expect((await search('pause')).results.map((entry) => entry.value)).toEqual([running.id]);
		expect(osm.sim.requests[0].query).toEqual({ status: 'running' });
		expect((await search('resume')).results.map((entry) => entry.value)).toEqual([paused.id]);
		expect((await search('stop')).results.map((entry) => entry.value)).toEqual([running.id, paused.id]);
		expect((await search('delete')).results.map((entry) => entry.value)).toEqual([draft.id, done.id]);
		expect((await search('start')).results.map((entry) => entry.value)).toEqual([draft.id]);
	});

	it('filters by the search text: a name part locally, a state through the status filter', async () => {
		const { running, paused } = seedAll();
		expect((await search('get', 'renewals')).results.map((entry) => entry.value)).toEqual([running.id, paused.id]);
		expect(osm.sim.requests[0].query).toEqual({});
		expect((await search('getReport', 'Paused')).results.map((entry) => entry.value)).toEqual([paused.id]);
		expect(osm.sim.requests[1].query).toEqual({ status: 'paused' });
		// A state the operation does not accept lists nothing, without asking OSMTalk.
		expect((await search('pause', 'draft')).results).toEqual([]);
		expect(osm.sim.requests).toHaveLength(2);
	});

	it('the lead resource lists every campaign', async () => {
		const { draft, running, paused, done } = seedAll();
		expect((await search('add', undefined, 'lead')).results.map((entry) => entry.value)).toEqual([draft.id, running.id, paused.id, done.id]);
	});

	it('says the key was refused when the list cannot load', async () => {
		await expect(
			listSearch('osmTalk', 'searchCampaigns', { resource: 'campaign', operation: 'get' }, { osmTalkApi: { apiKey: 'wrong', baseUrl: osm.sim.baseUrl, webhookSecret: '' } }),
		).rejects.toThrow(/^OSMTalk refused the API key \(HTTP 401\) while listing campaigns/);
	});
});

describe('OSMTalk › Campaign IDs given to the operations', () => {
	it('a campaign picked from the list is paused; a plain string ID of an older workflow still works', async () => {
		const { running, paused } = seedAll();
		const picked = await osm.run({ resource: 'campaign', operation: 'pause', campaignId: locator(running.id) });
		expect(picked.error).toBeUndefined();
		expect(osm.sim.campaigns.get(running.id)?.status).toBe('paused');
		const plain = await osm.run({ resource: 'campaign', operation: 'resume', campaignId: paused.id });
		expect(plain.error).toBeUndefined();
		expect(osm.sim.campaigns.get(paused.id)?.status).toBe('running');
	});

	it('an empty locator is refused before any request: by n8n when fixed, by the node when an expression, naming the item', async () => {
		await expect(osm.run({ resource: 'campaign', operation: 'getReport', campaignId: locator('') })).rejects.toThrow('Parameter "Campaign" is required');
		const result = await osm.run(
			{ resource: 'campaign', operation: 'getReport', campaignId: locator('={{ $json.campaign }}', 'id') },
			{ items: items([{ campaign: '' }]) },
		);
		expect(result.error?.message).toBe('Campaign ID is empty (item 0)');
		expect(osm.sim.requests).toHaveLength(0);
	});

	it('lead Add with a By ID expression sends each item to its own campaign', async () => {
		const one = osm.sim.seedCampaign({ status: 'draft' });
		const two = osm.sim.seedCampaign({ status: 'draft' });
		const result = await osm.run(
			{ resource: 'lead', operation: 'add', campaignId: locator('={{ $json.campaign }}', 'id') },
			{ items: items([{ phone: '+919876543210', campaign: one.id }, { phone: '+919876543211', campaign: two.id }]) },
		);
		expect(result.error).toBeUndefined();
		expect(osm.sim.leads.get(one.id)?.map((lead) => lead.phoneNumber)).toEqual(['+919876543210']);
		expect(osm.sim.leads.get(two.id)?.map((lead) => lead.phoneNumber)).toEqual(['+919876543211']);
	});
});

describe('OSMTalk › Do-Not-Call Entry From List (searchDoNotCallEntries)', () => {
	function seedEntries(count: number) {
		for (let i = 0; i < count; i++) {
			const id = `dnc_${i}`;
			osm.sim.dnc.set(id, { id, phoneNumber: `+9198765${String(10000 + i)}`, reason: i === 3 ? 'asked by email' : 'opt-out', source: 'manual', createdAt: new Date(0).toISOString() });
		}
	}
	const panel = { resource: 'doNotCall', operation: 'remove', removeBy: 'id' };

	it('lists the entries by number and reason, pages them locally and filters by digits or reason', async () => {
		seedEntries(130);
		const first = await listSearch('osmTalk', 'searchDoNotCallEntries', panel, credentials());
		expect(first.results[0]).toEqual({ name: '+919876510000 (opt-out)', value: 'dnc_0' });
		expect(first.results).toHaveLength(100);
		const second = await listSearch('osmTalk', 'searchDoNotCallEntries', panel, credentials(), undefined, first.paginationToken as string);
		expect(second.results).toHaveLength(30);
		expect(second.paginationToken).toBeUndefined();
		expect((await listSearch('osmTalk', 'searchDoNotCallEntries', panel, credentials(), '98765 10003')).results).toEqual([
			{ name: '+919876510003 (asked by email)', value: 'dnc_3' },
		]);
		expect((await listSearch('osmTalk', 'searchDoNotCallEntries', panel, credentials(), 'email')).results.map((entry) => entry.value)).toEqual(['dnc_3']);
	});

	it('an entry picked from the list is removed; an older workflow\'s plain Entry ID still works', async () => {
		seedEntries(3);
		const picked = await osm.run({ ...panel, entryId: locator('dnc_1') });
		expect(picked.error).toBeUndefined();
		const plain = await osm.run({ ...panel, entryId: 'dnc_2' });
		expect(plain.error).toBeUndefined();
		expect([...osm.sim.dnc.keys()]).toEqual(['dnc_0']);
	});
});
