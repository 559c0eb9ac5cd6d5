/** OSMTalk's client as every operation meets it: the credential, error texts and hints, retries. */
import { OSMTALK_KEY } from '../../simulators/osmtalk';
import { items, json, osmTalkHarness } from './harness';

const osm = osmTalkHarness();

describe('OSMTalk client: credential, errors and retries', () => {
	it('sends the API key as a Bearer token', async () => {
		osm.sim.seedCampaign({ id: 'cmp_a' });
		const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error).toBeUndefined();
		expect(osm.sim.requests[0].headers.authorization).toBe(`Bearer ${OSMTALK_KEY}`);
		expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status: 'draft' });
	});

	it('401: tells the user to check the API key, without showing it', async () => {
		const result = await osm.run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { apiKey: 'wrong_key_123' });
		expect(result.error?.message).toBe('OSMTalk refused the API key (HTTP 401) while listing campaigns: Missing or invalid API key');
		expect(result.error?.description).toBe('Check the API Key of the OSMTalk API credential: it must be an active OSMTalk key.');
		expect(JSON.stringify([result.error?.message, result.error?.description])).not.toContain('wrong_key_123');
	});

	it('404: names the campaign and what to check', async () => {
		const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_missing' });
		expect(result.error?.message).toBe('OSMTalk refused the request while reading campaign "cmp_missing" (HTTP 404): Campaign not found');
		expect(result.error?.description).toBe('No campaign "cmp_missing" in this OSMTalk account: check the Campaign ID.');
	});

	it('429 and 500 are retried (Retry-After honoured), a dropped connection too', async () => {
		osm.sim.seedCampaign({ id: 'cmp_a' });
		osm.sim.injectFaults([
			{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
			{ kind: 'status', status: 500, body: { error: 'Bot spawn failed' }, headers: { 'retry-after': '0' } },
			{ kind: 'drop' },
		]);
		const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error).toBeUndefined();
		expect(osm.sim.received('GET', /^\/api\/campaigns\/cmp_a$/).map((request) => request.status)).toEqual([429, 500, 0, 200]);
		expect(json(result)[0].id).toBe('cmp_a');
	});

	it('500 after the retries: says what a bot spawn / SIP failure needs', async () => {
		osm.sim.seedCampaign({ id: 'cmp_a' });
		osm.sim.injectFaults(
			Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 500, body: { error: 'SIP trunk rejected the call' }, headers: { 'retry-after': '0' } })),
		);
		const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error?.message).toBe('OSMTalk refused the request while reading campaign "cmp_a" (HTTP 500): SIP trunk rejected the call');
		expect(result.error?.description).toBe(
			"OSMTalk documents HTTP 500 as a failure to spawn the voice bot or place the SIP call: check the campaign's agent and phone number (its SIP trunk) in OSMTalk and try again later; if it keeps failing, contact OSMTalk support. (HTTP 500 after 6 attempts)",
		);
	});

	it('429 after the retries: says to wait or lower Max Concurrent', async () => {
		osm.sim.seedCampaign({ id: 'cmp_a' });
		osm.sim.injectFaults(Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 429, body: { error: 'Concurrency limit' }, headers: { 'retry-after': '0' } })));
		const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error?.message).toBe('OSMTalk refused the request while reading campaign "cmp_a" (HTTP 429): Concurrency limit');
		expect(result.error?.description).toBe(
			"OSMTalk's concurrency limit was hit and the retries ran out: wait a minute and run again, or lower the campaign's Max Concurrent. (HTTP 429 after 6 attempts)",
		);
	});

	it('Continue On Fail: one error item per failed item, the others go on', async () => {
		osm.sim.seedCampaign({ id: 'cmp_a' });
		const result = await osm.run(
			{ resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' },
			{ items: items([{ id: 'cmp_a' }, { id: 'cmp_nope' }, { id: 'cmp_a' }]), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(json(result).map((entry) => entry.id ?? 'error')).toEqual(['cmp_a', 'error', 'cmp_a']);
		expect(String(json(result)[1].error)).toMatch(/HTTP 404/);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('an API key echoed back by OSMTalk appears nowhere: output, error (cause and body included), reasons', async () => {
		const echo = { error: `invalid token ${OSMTALK_KEY}`, details: { token: OSMTALK_KEY } };
		osm.sim.seedCampaign({ id: 'cmp_a' });
		osm.sim.injectFaults([{ kind: 'status', status: 400, body: echo }], /\/leads$/);
		const lead = { resource: 'lead', operation: 'add', campaignId: 'cmp_a', contactSource: 'items' };
		const failed = await osm.run(lead, { items: items([{ phone: '+919876543370' }]) });
		expect(failed.error?.message).toBe('OSMTalk refused the request while uploading leads to campaign "cmp_a", which is draft (HTTP 400): invalid token [redacted] (token: [redacted])');
		osm.sim.injectFaults([{ kind: 'status', status: 400, body: echo }], /\/leads$/);
		const continued = await osm.run(lead, { items: items([{ phone: '+919876543370' }]), continueOnFail: true });
		expect(json(continued)[0].reason).toContain('invalid token [redacted]');
		osm.sim.injectFaults([{ kind: 'status', status: 404, body: echo }]);
		const read = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(read.error?.message).toBe('OSMTalk refused the request while reading campaign "cmp_a" (HTTP 404): invalid token [redacted] (token: [redacted])');
		// osm.run() checks every result for the key and the webhook secret (harness.expectNoSecret).
	});
});
