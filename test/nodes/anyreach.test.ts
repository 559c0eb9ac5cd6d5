/**
 * The Anyreach node through n8n's engine (built dist/) against the Anyreach simulator: what the node
 * outputs, and what the simulator received.
 */
import * as path from 'node:path';

import type { ICredentialType, IDataObject, IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import {
	ANYREACH_ORG_ID,
	ANYREACH_ORG_KEY,
	ANYREACH_PAT,
	ANYREACH_READ_ONLY_KEY,
	AnyreachSimulator,
} from '../simulators/anyreach';
import { PACKAGE_DIR, csvItem, runNode, type RunResult } from '../support/engine';

let sim: AnyreachSimulator;

beforeEach(async () => {
	sim = new AnyreachSimulator();
	await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

interface RunOptions {
	items?: INodeExecutionData[];
	token?: string;
	organizationId?: string;
	continueOnFail?: boolean;
}

async function run(parameters: IDataObject, options: RunOptions = {}): Promise<RunResult> {
	return await runNode(
		{ type: 'anyreach', parameters, credentials: { anyreachApi: 'Anyreach' }, continueOnFail: options.continueOnFail },
		{
			items: options.items,
			credentials: {
				anyreachApi: {
					token: options.token ?? ANYREACH_ORG_KEY,
					organizationId: options.organizationId ?? '',
					baseUrl: sim.baseUrl,
				},
			},
		},
	);
}

const items = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

const upsert = (campaignId: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'contact',
	operation: 'upsert',
	campaignId,
	...extra,
});

function counts(output: INodeExecutionData[]): Record<string, number> {
	const result: Record<string, number> = {};
	for (const item of output) {
		const status = String(item.json.status);
		result[status] = (result[status] ?? 0) + 1;
	}
	return result;
}

const contactPosts = () => sim.received('POST', /^\/campaign\/campaigns\/[^/]+\/contacts$/);

function expectNoSecret(result: RunResult): void {
	const text = JSON.stringify(result.output) + String(result.error?.message) + String(result.error?.description);
	for (const secret of [ANYREACH_ORG_KEY, ANYREACH_PAT, ANYREACH_READ_ONLY_KEY, 's3cr3t']) expect(text).not.toContain(secret);
}

describe('credential and authentication', () => {
	it('sends Bearer and no X-Anyreach-Org header for an org key without Organization ID', async () => {
		const campaign = sim.addCampaign();
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id });
		expect(result.error).toBeUndefined();
		const [request] = sim.requests;
		expect(request.headers.authorization).toBe(`Bearer ${ANYREACH_ORG_KEY}`);
		expect(request.headers).not.toHaveProperty('x-anyreach-org');
		expect(result.output[0].json).toMatchObject({ id: campaign.id, status: 'active' });
	});

	it('sends X-Anyreach-Org with a personal access token', async () => {
		const campaign = sim.addCampaign();
		const result = await run(
			{ resource: 'campaign', operation: 'get', campaignId: campaign.id },
			{ token: ANYREACH_PAT, organizationId: ` ${ANYREACH_ORG_ID} ` },
		);
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].headers['x-anyreach-org']).toBe(ANYREACH_ORG_ID);
		expect(sim.requests[0].headers.authorization).toBe(`Bearer ${ANYREACH_PAT}`);
	});

	it('stops before sending when a pat_ token has no Organization ID', async () => {
		const campaign = sim.addCampaign();
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id }, { token: ANYREACH_PAT });
		expect(result.error?.message).toMatch(/personal access token \(pat_…\) but has no Organization ID/);
		expect(result.error?.description).toMatch(/X-Anyreach-Org/);
		expect(sim.requests).toHaveLength(0);
		expectNoSecret(result);
	});

	it('explains a 401 for a wrong token and for a missing organization claim', async () => {
		const campaign = sim.addCampaign();
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id }, { token: 'ak_wrong.value' });
		expect(result.error?.message).toMatch(/HTTP 401: Invalid token \(check the token of the Anyreach API credential\)/);
		expectNoSecret(result);
		sim.injectFaults([{ kind: 'status', status: 401, body: { detail: 'Token is missing organization claim' } }]);
		const claim = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id });
		expect(claim.error?.message).toMatch(
			/HTTP 401: Token is missing organization claim \(a personal access token \(pat_…\) needs the Organization ID/,
		);
	});

	it('names the missing scope on 403', async () => {
		const campaign = sim.addCampaign();
		const result = await run(
			{ resource: 'campaign', operation: 'pause', campaignId: campaign.id },
			{ token: ANYREACH_READ_ONLY_KEY },
		);
		expect(result.error?.message).toMatch(/HTTP 403: Missing required scope: campaigns:manage/);
		expect(result.error?.message).toMatch(/campaigns:manage to change anything/);
		expect(campaign.status).toBe('active');
	});
});

describe('credential type (built)', () => {
	// n8n's credential test: the `test` request, with `authenticate` applied, against the simulator.
	async function credentialTest(token: string, organizationId: string) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { AnyreachApi } = require(path.join(PACKAGE_DIR, 'dist/credentials/AnyreachApi.credentials.js')) as {
			AnyreachApi: new () => ICredentialType & {
				authenticate: (credentials: IDataObject, request: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
			};
		};
		const type = new AnyreachApi();
		const test = type.test!.request;
		const request = await type.authenticate({ token, organizationId, baseUrl: sim.baseUrl }, { url: test.url!, headers: {} });
		const url = new URL(`${sim.baseUrl}${request.url}`);
		for (const [key, value] of Object.entries(test.qs ?? {})) url.searchParams.set(key, String(value));
		const response = await fetch(url, { headers: request.headers as Record<string, string> });
		return { status: response.status, body: (await response.json()) as IDataObject, headers: request.headers };
	}

	it('passes with an org key, and omits an empty Organization ID header', async () => {
		const result = await credentialTest(` Bearer ${ANYREACH_ORG_KEY} `, '  ');
		expect(result.status).toBe(200);
		expect(result.headers).toEqual({ Authorization: `Bearer ${ANYREACH_ORG_KEY}` });
		expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/campaign/campaigns', query: { limit: '1' } });
	});

	it('fails for a pat_ token without Organization ID with Anyreach\'s 401', async () => {
		const result = await credentialTest(ANYREACH_PAT, '');
		expect(result).toMatchObject({ status: 401, body: { detail: 'Token is missing organization claim' } });
		expect((await credentialTest(ANYREACH_PAT, ANYREACH_ORG_ID)).status).toBe(200);
	});
});

describe('Contact → Create or Update (upsert)', () => {
	it('sends the full contact model and reports each contact', async () => {
		const campaign = sim.addCampaign({ external_id: 'crm-campaign-42' });
		const result = await run(upsert('crm-campaign-42'), {
			items: items(
				{
					external_id: 'crm-4821',
					phone: ['+1 415 555 0101', '(415) 555-0102'],
					timezone: 'america/los_angeles',
					scheduled_at: '2026-07-01 17:00:00Z',
					initial_context: 'Renewal due next week.',
					agent_config: { voice: 'calm' },
					agent_version: '3',
					agent_number: '+14155550199',
					first_name: 'Dana',
					plan: 'pro',
				},
				{ phone_number: '+44 20 7946 0958; +44 7911 123456', name: 'Sam', data: { tier: 'gold' } },
			),
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.reason)).toEqual([expect.stringMatching(/^upserted/), expect.stringMatching(/^upserted/)]);
		expect(counts(result.output)).toEqual({ sent: 2 });
		const [post] = contactPosts();
		expect(post.path).toBe('/campaign/campaigns/crm-campaign-42/contacts');
		expect(post.headers['content-type']).toMatch(/application\/json/);
		expect(post.body).toEqual({
			contacts: [
				{
					external_id: 'crm-4821',
					phone_numbers: ['+14155550101', '+14155550102'],
					timezone: 'America/Los_Angeles',
					scheduled_at: '2026-07-01T17:00:00Z',
					agent_config: { voice: 'calm' },
					agent_number: '+14155550199',
					agent_version: 3,
					initial_context: 'Renewal due next week.',
					data: { first_name: 'Dana', plan: 'pro' },
				},
				{ phone_numbers: ['+442079460958', '+447911123456'], data: { tier: 'gold', name: 'Sam' } },
			],
		});
		const stored = sim.contactsOf(campaign.id);
		expect(stored).toHaveLength(2);
		expect(result.output[0].json.reason).toBe(`upserted by Anyreach as contact ${stored[0].id} in batch 1 of 1`);
		expect(result.output[0].json.phones).toEqual(['+14155550101', '+14155550102']);
		expect(result.output[0].json.providerResponse).toEqual({ inserted: 2, updated: 0 });
		expectNoSecret(result);
	});

	it('catches invalid numbers and fields locally, per contact, and never sends them', async () => {
		sim.addCampaign({ external_id: 'c1' });
		const input = items(
			{ phone: '4155550101', external_id: 'ok-1' },
			{ phone: '12345', external_id: 'bad-phone' },
			{ phone: '+14155550103', timezone: 'Mars/Olympus' },
			{ phone: '+14155550104', scheduled_at: '2026-02-30T10:00:00Z' },
			{ phone: '+14155550105', id: 'crm-77' },
			{ phone: '+14155550106', agent_config: '{not json' },
			{ phone: '+14155550107', timezone: '+05:30' },
			{ name: 'no phone at all' },
			{ phone: '+1 415 555 0108, 999', external_id: 'second-number-bad' },
		);
		const result = await run(upsert('c1'), { items: input });
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(input.length);
		expect(counts(result.output)).toEqual({ sent: 1, invalid: 8 });
		const reasons = result.output.map((item) => String(item.json.reason));
		expect(reasons[1]).toMatch(/"12345" is too short/);
		expect(reasons[2]).toMatch(/timezone "Mars\/Olympus" is not an IANA time zone/);
		expect(reasons[3]).toMatch(/scheduled_at "2026-02-30T10:00:00Z" is not an ISO 8601 date-time/);
		expect(reasons[4]).toMatch(/Contact ID "crm-77" is not a UUID.*External ID/);
		expect(reasons[5]).toMatch(/agent_config is not valid JSON/);
		expect(reasons[6]).toMatch(/timezone "\+05:30" is not an IANA time zone/);
		expect(reasons[7]).toBe('no phone number');
		expect(reasons[8]).toMatch(/"999"/);
		const [post] = contactPosts();
		expect((post.body as { contacts: IDataObject[] }).contacts).toEqual([{ external_id: 'ok-1', phone_numbers: ['+14155550101'], data: {} }]);
	});

	it('normalizes local numbers with Default Country', async () => {
		sim.addCampaign({ external_id: 'in-campaign', configuration_id: sim.addConfiguration({ default_country_code: 'IN' }).id });
		const result = await run(upsert('in-campaign', { options: { defaultCountry: 'IN' } }), {
			items: items({ phone: '098765 43210' }),
		});
		expect(counts(result.output)).toEqual({ sent: 1 });
		expect((contactPosts()[0].body as { contacts: IDataObject[] }).contacts[0].phone_numbers).toEqual(['+919876543210']);
	});

	it('dedupes by external_id (the later contact wins), else by first phone number', async () => {
		const campaign = sim.addCampaign();
		const result = await run(upsert(campaign.id), {
			items: items(
				{ phone: '+14155550101', external_id: 'A', plan: 'old' },
				{ phone: '+14155550102', external_id: 'A', plan: 'new' },
				{ phone: '+14155550103' },
				{ phone: '+1 (415) 555-0103', note: 'same first phone' },
				{ phone: '+14155550103', external_id: 'B' },
			),
		});
		expect(counts(result.output)).toEqual({ sent: 3, duplicate: 2 });
		expect(result.output[0].json.status).toBe('duplicate');
		expect(result.output[0].json.reason).toBe('same external_id "A" as item 1, which was kept (Anyreach\'s rule)');
		expect(result.output[1].json.status).toBe('sent');
		expect(result.output[2].json.status).toBe('duplicate');
		expect(result.output[2].json.reason).toMatch(/same first phone number \+14155550103 as item 3/);
		const sent = (contactPosts()[0].body as { contacts: IDataObject[] }).contacts;
		expect(sent.map((contact) => contact.external_id ?? null)).toEqual(['A', null, 'B']);
		expect(sent[0].data).toEqual({ plan: 'new' });
	});

	it('maps a CSV by Anyreach header rules, with several phone columns in column order', async () => {
		const campaign = sim.addCampaign();
		const uuid = '7d0c4a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';
		const csv = [
			'Contact ID,External ID,Time Zone,Scheduled At,Mobile,Phone 2,first_name,plan',
			`${uuid},crm-1,Europe/Paris,2026-07-01T09:00:00+02:00,+33 6 12 34 56 78,+33 1 42 68 53 00,Léa,pro`,
			',crm-2,,,+33 6 98 76 54 32,,Marc,basic',
			'not-a-uuid,crm-3,,,+33 6 11 11 11 11,,Zoé,pro',
		].join('\n');
		const result = await run(upsert(campaign.id, { contactSource: 'csv', options: { defaultCountry: 'FR' } }), {
			items: [csvItem(csv)],
		});
		expect(result.error).toBeUndefined();
		expect(counts(result.output)).toEqual({ sent: 2, invalid: 1 });
		expect(result.output[2].json).toMatchObject({ status: 'invalid', row: 3 });
		const sent = (contactPosts()[0].body as { contacts: IDataObject[] }).contacts;
		expect(sent[0]).toEqual({
			id: uuid,
			external_id: 'crm-1',
			phone_numbers: ['+33612345678', '+33142685300'],
			timezone: 'Europe/Paris',
			scheduled_at: '2026-07-01T09:00:00+02:00',
			data: { first_name: 'Léa', plan: 'pro' },
		});
		expect(sent[1]).toEqual({ external_id: 'crm-2', phone_numbers: ['+33698765432'], data: { first_name: 'Marc', plan: 'basic' } });
		expect(sim.contactsOf(campaign.id).map((contact) => contact.id)).toContain(uuid);
	});

	it('updates in place: matched by id, then by external_id', async () => {
		const campaign = sim.addCampaign();
		await run(upsert(campaign.id), { items: items({ phone: '+14155550101', external_id: 'X', plan: 'a' }) });
		const [stored] = sim.contactsOf(campaign.id);
		const result = await run(upsert(campaign.id), {
			items: items({ phone: '+14155550109', external_id: 'X', plan: 'b' }, { phone: '+14155550110', id: stored.id.toUpperCase(), plan: 'c' }),
		});
		expect(counts(result.output)).toEqual({ sent: 2 });
		expect(sim.contactsOf(campaign.id)).toHaveLength(1);
		expect(sim.contactsOf(campaign.id)[0]).toMatchObject({ phone_numbers: ['+14155550110'], data: { plan: 'c' } });
		expect(result.output[0].json.providerResponse).toEqual({ inserted: 0, updated: 2 });
	});

	it('cuts 2,500 contacts into batches of 1,000', async () => {
		const campaign = sim.addCampaign();
		const input = Array.from({ length: 2500 }, (_, i) => ({ json: { phone: `+1415${String(2000000 + i)}`, external_id: `e${i}` } }));
		const result = await run(upsert(campaign.id, { options: { output: 'summary' } }), { items: input });
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ total: 2500, sent: 2500, invalid: 0, duplicate: 0, failed: 0 });
		expect(contactPosts().map((post) => (post.body as { contacts: unknown[] }).contacts.length)).toEqual([1000, 1000, 500]);
		expect(sim.contactsOf(campaign.id)).toHaveLength(2500);
	});

	it('maps a 422 listing unparseable numbers back onto their contacts and re-sends the rest', async () => {
		const campaign = sim.addCampaign();
		sim.unparseable.add('+14155550102');
		const result = await run(upsert(campaign.id), {
			items: items({ phone: '+14155550101' }, { phone: '415-555-0102' }, { phone: '+14155550103' }),
		});
		expect(result.error).toBeUndefined();
		expect(counts(result.output)).toEqual({ sent: 2, invalid: 1 });
		expect(result.output[1].json.reason).toBe(
			'rejected by Anyreach: Anyreach could not parse +14155550102 into a valid E.164 number (HTTP 422)',
		);
		const posts = contactPosts();
		expect(posts.map((post) => post.status)).toEqual([422, 200]);
		expect((posts[1].body as { contacts: unknown[] }).contacts).toHaveLength(2);
		expect(sim.contactsOf(campaign.id)).toHaveLength(2);
	});

	it('refuses a closed campaign with a clear error, or marks every contact failed with Continue On Fail', async () => {
		const campaign = sim.addCampaign({ status: 'closed', external_id: 'old' });
		const result = await run(upsert('old'), { items: items({ phone: '+14155550101' }, { phone: '+14155550102' }) });
		expect(result.error?.message).toMatch(
			/Anyreach did not accept batch 1 of 1: campaign "old" is closed and takes no contacts \(HTTP 400: Campaign is closed.*\); a closed campaign cannot be restarted: create a new campaign/,
		);
		const cof = await run(upsert('old'), { items: items({ phone: '+14155550101' }, { phone: '+14155550102' }), continueOnFail: true });
		expect(cof.error).toBeUndefined();
		expect(counts(cof.output)).toEqual({ failed: 2 });
		expect(String(cof.output[0].json.reason)).toMatch(/batch 1 of 1 was not accepted: .*closed/);
		expect(sim.contactsOf(campaign.id)).toHaveLength(0);
	});

	it('retries 429, dropped connections and 5xx without storing a contact twice', async () => {
		const campaign = sim.addCampaign();
		sim.injectFaults(
			[
				{ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { detail: 'Too many requests' } },
				{ kind: 'drop' },
				{ kind: 'status', status: 503, headers: { 'retry-after': '0' } },
			],
			/\/contacts$/,
		);
		const result = await run(upsert(campaign.id), { items: items({ phone: '+14155550101', external_id: 'r1' }) });
		expect(result.error).toBeUndefined();
		expect(counts(result.output)).toEqual({ sent: 1 });
		expect(contactPosts().map((post) => post.status)).toEqual([429, 0, 503, 200]);
		expect(sim.contactsOf(campaign.id)).toHaveLength(1);
	});

	it('gives up after Max Retries with a message naming what was not sent', async () => {
		const campaign = sim.addCampaign();
		sim.injectFaults(
			[1, 2, 3].map(() => ({ kind: 'status' as const, status: 503, headers: { 'retry-after': '0' } })),
			/\/contacts$/,
		);
		const result = await run(upsert(campaign.id, { options: { maxRetries: 1 } }), { items: items({ phone: '+14155550101' }) });
		expect(result.error?.message).toMatch(/Anyreach did not accept batch 1 of 1/);
		expect(result.error?.description).toMatch(/Not sent: batch 1 \(1 contacts\)/);
		expect(contactPosts()).toHaveLength(2);
		expectNoSecret(result);
	});

	it('takes only numbers with a country code for the ad-hoc campaign "default"', async () => {
		const result = await run(upsert('default'), {
			items: items({ phone: '+14155550101' }, { phone: '4155550102' }),
		});
		expect(counts(result.output)).toEqual({ sent: 1, invalid: 1 });
		expect(result.output[1].json.reason).toMatch(/ad-hoc campaign "default" must already be in E\.164/);
		expect(contactPosts()[0].path).toBe('/campaign/campaigns/default/contacts');
		expect(sim.contactsOf('default').map((contact) => contact.phone_numbers)).toEqual([['+14155550101']]);
	});

	it('maps a 422 validation error naming contacts by index onto those contacts', async () => {
		const campaign = sim.addCampaign();
		sim.injectFaults(
			[
				{
					kind: 'status',
					status: 422,
					body: { detail: [{ loc: ['body', 'contacts', 1, 'timezone'], msg: 'not a valid IANA timezone', type: 'value_error' }] },
				},
			],
			/\/contacts$/,
		);
		const result = await run(upsert(campaign.id), {
			items: items({ phone: '+14155550101' }, { phone: '+14155550102', timezone: 'Asia/Kolkata' }, { phone: '+14155550103' }),
		});
		expect(counts(result.output)).toEqual({ sent: 2, invalid: 1 });
		expect(result.output[1].json.reason).toBe('rejected by Anyreach: timezone: not a valid IANA timezone (HTTP 422)');
		expect((contactPosts()[1].body as { contacts: IDataObject[] }).contacts.map((contact) => contact.phone_numbers)).toEqual([
			['+14155550101'],
			['+14155550103'],
		]);
	});

	it('counts a batch as sent when Anyreach accepted it with an answer that is not JSON', async () => {
		const campaign = sim.addCampaign();
		sim.injectFaults([{ kind: 'malformed', status: 200 }], /\/contacts$/);
		const result = await run(upsert(campaign.id), { items: items({ phone: '+14155550101' }) });
		expect(counts(result.output)).toEqual({ sent: 1 });
		expect(result.output[0].json.providerResponse).toMatchObject({ note: 'Anyreach accepted the batch but its answer was not JSON' });
		expect(sim.contactsOf(campaign.id)).toHaveLength(1);
	});

	it('honours Do-Not-Call numbers and Dry Run, every contact accounted for', async () => {
		const campaign = sim.addCampaign();
		const input = items({ phone: '+14155550101' }, { phone: '+14155550102, +14155550109' }, { phone: 'x' }, { phone: '+14155550101' });
		const dry = await run(upsert(campaign.id, { options: { dryRun: true, doNotCallNumbers: '(415) 555-0109' } }), { items: input });
		expect(counts(dry.output)).toEqual({ ready: 1, suppressed: 1, invalid: 1, duplicate: 1 });
		expect(dry.output[1].json.reason).toBe('+14155550109 is on the Do-Not-Call list given to the node');
		expect(sim.requests).toHaveLength(0);
		const real = await run(upsert(campaign.id, { options: { doNotCallNumbers: '+14155550109', output: 'summary' } }), { items: input });
		expect(real.output[0].json).toMatchObject({ total: 4, sent: 1, suppressed: 1, invalid: 1, duplicate: 1, failed: 0 });
		expect(sim.contactsOf(campaign.id)).toHaveLength(1);
	});

	it('reports a missing campaign with what to do', async () => {
		const result = await run(upsert('nope'), { items: items({ phone: '+14155550101' }) });
		expect(result.error?.message).toMatch(/HTTP 404: Campaign not found \(nothing with this ID or external_id/);
	});
});

describe('Contact → Get Many, Get, Delete', () => {
	async function seed(count: number) {
		const campaign = sim.addCampaign({ external_id: 'seeded' });
		await run(upsert(campaign.id), {
			items: Array.from({ length: count }, (_, i) => ({ json: { phone: `+1415${String(3000000 + i)}`, external_id: `s${i}` } })),
		});
		sim.requests.length = 0;
		return campaign;
	}

	it('pages with limit/offset for Return All and stops at Limit', async () => {
		await seed(230);
		const all = await run({ resource: 'contact', operation: 'getMany', campaignId: 'seeded', returnAll: true });
		expect(all.output).toHaveLength(230);
		expect(sim.requests.map((request) => request.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
		sim.requests.length = 0;
		const some = await run({ resource: 'contact', operation: 'getMany', campaignId: 'seeded', limit: 7, filters: { status: 'pending' } });
		expect(some.output).toHaveLength(7);
		expect(sim.requests.map((request) => request.query)).toEqual([{ limit: '7', offset: '0', status: 'pending' }]);
		expect(some.output[0].json).toMatchObject({ external_id: 's0', status: 'pending' });
	});

	it('gets and deletes a contact by external_id', async () => {
		const campaign = await seed(2);
		const got = await run({ resource: 'contact', operation: 'get', campaignId: 'seeded', contactId: 's1' });
		expect(got.output[0].json).toMatchObject({ external_id: 's1', phone_numbers: ['+14153000001'] });
		const deleted = await run({ resource: 'contact', operation: 'delete', campaignId: campaign.id, contactId: 's1' });
		expect(deleted.output[0].json).toEqual({ deleted: true, campaignId: campaign.id, contactId: 's1' });
		expect(sim.received('DELETE', /contacts\/s1$/)[0].status).toBe(204);
		expect(sim.contactsOf(campaign.id).map((contact) => contact.external_id)).toEqual(['s0']);
		const missing = await run(
			{ resource: 'contact', operation: 'get', campaignId: 'seeded', contactId: 's1' },
			{ continueOnFail: true },
		);
		expect(String(missing.output[0].json.error)).toMatch(/HTTP 404: Contact not found/);
	});
});

describe('Campaign operations', () => {
	it('creates, updates, gets and reads stats', async () => {
		const config = sim.addConfiguration();
		const created = await run({
			resource: 'campaign',
			operation: 'create',
			name: 'June renewals',
			additionalFields: { externalId: 'june', otherFields: JSON.stringify({ configuration_id: config.id }) },
		});
		expect(created.error).toBeUndefined();
		expect(created.output[0].json).toMatchObject({ name: 'June renewals', external_id: 'june', status: 'active', configuration_id: config.id });
		expect(sim.received('POST', /^\/campaign\/campaigns$/)[0].body).toEqual({ name: 'June renewals', external_id: 'june', configuration_id: config.id });

		const updated = await run({ resource: 'campaign', operation: 'update', campaignId: 'june', updateFields: { name: 'June renewals v2' } });
		expect(updated.output[0].json).toMatchObject({ name: 'June renewals v2' });
		expect(sim.received('PATCH', /\/june$/)[0].body).toEqual({ name: 'June renewals v2' });

		await run(upsert('june'), { items: items({ phone: '+14155550101' }, { phone: '+14155550102' }) });
		const stats = await run({ resource: 'campaign', operation: 'getStats', campaignId: 'june' });
		expect(stats.output[0].json).toMatchObject({ campaignId: 'june', contacts: { total: 2, pending: 2 }, concurrency_limit: 10 });
	});

	it('does not re-send a create after a 5xx (no idempotency key), but retries a 429', async () => {
		sim.injectFaults([{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }], /^\/campaign\/campaigns$/);
		const ok = await run({ resource: 'campaign', operation: 'create', name: 'A' });
		expect(ok.error).toBeUndefined();
		expect(sim.received('POST', /^\/campaign\/campaigns$/).map((request) => request.status)).toEqual([429, 201]);
		sim.injectFaults([{ kind: 'status', status: 502 }], /^\/campaign\/campaigns$/);
		const failed = await run({ resource: 'campaign', operation: 'create', name: 'B' });
		expect(failed.error?.message).toMatch(/did not confirm the campaign "B" was created \(HTTP 502\).*check with Get Many/);
		expect(sim.received('POST', /^\/campaign\/campaigns$/)).toHaveLength(3);
	});

	it('runs the lifecycle and turns a transition that does not fit into a clear error', async () => {
		const campaign = sim.addCampaign({ external_id: 'life' });
		const op = (operation: string, continueOnFail = false) => run({ resource: 'campaign', operation, campaignId: 'life' }, { continueOnFail });
		expect((await op('pause')).output[0].json.status).toBe('paused');
		const pausedAgain = await op('pause');
		expect(pausedAgain.error?.message).toBe(
			'Cannot pause campaign "life": Campaign is paused; only an active campaign can be paused (HTTP 400; only an active campaign can be paused: get the campaign to see its status)',
		);
		expect((await op('start')).output[0].json.status).toBe('active');
		expect((await op('close')).output[0].json.status).toBe('closed');
		const restart = await op('start');
		expect(restart.error?.message).toMatch(
			/^Cannot start campaign "life": Campaign is closed; a closed campaign cannot be restarted \(HTTP 400; .*create a new campaign instead\)$/,
		);
		const closeAgain = await op('close', true);
		expect(String(closeAgain.output[0].json.error)).toMatch(/Cannot close campaign "life": Campaign is already closed/);
		expect(campaign.status).toBe('closed');
	});

	it('follows the cursor for Get Many and sends the name and repeated status filters', async () => {
		for (let i = 0; i < 230; i++) sim.addCampaign({ name: `Batch ${i}`, status: i % 3 === 0 ? 'paused' : 'active' });
		sim.addCampaign({ name: 'Other', status: 'closed' });
		const all = await run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(all.output).toHaveLength(231);
		const listRequests = sim.received('GET', /^\/campaign\/campaigns$/);
		expect(listRequests).toHaveLength(3);
		expect(listRequests[0].query).toEqual({ limit: '100' });
		expect(listRequests[1].query.cursor).toBeDefined();
		sim.requests.length = 0;
		const filtered = await run({
			resource: 'campaign',
			operation: 'getMany',
			limit: 5,
			filters: { name: 'batch 1', status: ['paused', 'closed'] },
		});
		expect(filtered.output).toHaveLength(5);
		expect(sim.requests[0].queryAll).toEqual({ name: ['batch 1'], status: ['paused', 'closed'], limit: ['5'] });
		expect(filtered.output.every((item) => item.json.status === 'paused')).toBe(true);
	});

	it('refuses to set the status through Update', async () => {
		sim.addCampaign({ external_id: 'x' });
		const result = await run({
			resource: 'campaign',
			operation: 'update',
			campaignId: 'x',
			updateFields: { otherFields: '{"status": "closed"}' },
		});
		expect(result.error?.message).toMatch(/status is not set by a field/);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Configuration operations', () => {
	it('creates, lists, gets, updates and deletes; delete fails while a campaign uses it', async () => {
		const created = await run({
			resource: 'configuration',
			operation: 'create',
			configuration: JSON.stringify({
				default_timezone: 'Europe/London',
				default_windows: [{ days: ['mon', 'fri'], start: '22:30', end: '03:30' }],
				default_country_code: 'GB',
			}),
		});
		expect(created.error).toBeUndefined();
		const id = String(created.output[0].json.id);
		expect(created.output[0].json).toMatchObject({ default_timezone: 'Europe/London', default_country_code: 'GB' });

		const listed = await run({ resource: 'configuration', operation: 'getMany', returnAll: true });
		expect(listed.output.map((item) => item.json.id)).toEqual([id]);

		const updated = await run({ resource: 'configuration', operation: 'update', configurationId: id, configuration: '{"default_country_code": "IE"}' });
		expect(updated.output[0].json).toMatchObject({ default_country_code: 'IE', default_timezone: 'Europe/London' });

		sim.addCampaign({ configuration_id: id });
		const refused = await run({ resource: 'configuration', operation: 'delete', configurationId: id });
		expect(refused.error?.message).toMatch(
			new RegExp(`Cannot delete configuration "${id}": HTTP 400: Configuration is used by 1 campaign\\(s\\).*while a campaign uses it`),
		);
		sim.campaigns.clear();
		const deleted = await run({ resource: 'configuration', operation: 'delete', configurationId: id });
		expect(deleted.output[0].json).toEqual({ deleted: true, configurationId: id });
		expect(sim.configurations.size).toBe(0);
	});

	it('checks time zones and windows before sending', async () => {
		const badZone = await run({ resource: 'configuration', operation: 'create', configuration: '{"default_timezone": "America/Nowhere"}' });
		expect(badZone.error?.message).toMatch(/Configuration \(JSON\): default_timezone "America\/Nowhere" is not an IANA time zone/);
		const badWindow = await run({
			resource: 'configuration',
			operation: 'create',
			configuration: '{"schedule": {"default_windows": [{"days": ["mon"], "start": "9:00", "end": "17:00"}]}}',
		});
		expect(badWindow.error?.message).toMatch(/schedule\.default_windows\[0\]\.start "9:00" is not a 24-hour HH:MM time/);
		const badDays = await run({
			resource: 'configuration',
			operation: 'create',
			configuration: '{"default_windows": [{"days": ["monday"], "start": "09:00", "end": "17:00"}]}',
		});
		expect(badDays.error?.message).toMatch(/default_windows\[0\]\.days must list one or more of mon/);
		expect(sim.requests).toHaveLength(0);
	});
});
