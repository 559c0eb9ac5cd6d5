/** OSMTalk node, Campaign resource: one `describe` per operation. */
import type { IDataObject } from 'n8n-workflow';

import { json, osmTalkHarness } from './harness';

const osm = osmTalkHarness();

describe('Campaign', () => {
	const createParameters = (additionalFields: IDataObject = {}, maxConcurrent = 5): IDataObject => ({
		resource: 'campaign',
		operation: 'create',
		name: 'Q2 Renewals',
		agentId: 'agent_1',
		phoneNumberId: 'pn_1',
		maxConcurrent,
		additionalFields,
	});

	function seedWithLead(fields: IDataObject = {}) {
		const campaign = osm.sim.seedCampaign({ id: 'cmp_a', ...fields });
		osm.sim.leads.get('cmp_a')!.push({ id: 'lead_x', phoneNumber: '+919876543210', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null });
		return campaign;
	}

	describe('Create', () => {
		it('creates a draft with every documented field', async () => {
			const result = await osm.run(
				createParameters({
					agentVersion: 7,
					scheduledStartAt: '2030-05-08T09:00:00',
					schedule: { value: { timezone: 'Asia/Kolkata', windowStart: '09:00', windowEnd: '19:00', weekdays: [5, 1, 2, 3, 4] } },
					retryPolicy: { value: { maxAttempts: 3, backoffMinutes: 60, retryOn: ['no_answer', 'busy'] } },
					webhookUrl: 'https://crm.example.com/webhooks/osmtalk',
				}),
			);
			expect(result.error).toBeUndefined();
			const [request] = osm.sim.received('POST', /^\/api\/campaigns$/);
			expect(request.body).toEqual({
				name: 'Q2 Renewals',
				agentId: 'agent_1',
				phoneNumberId: 'pn_1',
				agentVersion: 7,
				maxConcurrent: 5,
				// A time without an offset is read in the schedule's time zone.
				scheduledStartAt: '2030-05-08T09:00:00+05:30',
				schedule: { timezone: 'Asia/Kolkata', windowStart: '09:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
				retryPolicy: { maxAttempts: 3, backoffMinutes: 60, retryOn: ['no_answer', 'busy'] },
				webhookUrl: 'https://crm.example.com/webhooks/osmtalk',
			});
			expect(json(result)[0]).toMatchObject({ status: 'draft', name: 'Q2 Renewals', agentVersion: 7 });
		});

		it.each([
			[{}, 60, /Max Concurrent must be a whole number from 1 to 50 \(got "60"\)/],
			[{}, 0, /Max Concurrent must be a whole number from 1 to 50/],
			[{ schedule: { value: { timezone: 'Mars/Olympus', windowStart: '09:00', windowEnd: '19:00', weekdays: [1] } } }, 5, /Schedule → Timezone "Mars\/Olympus" is not an IANA time zone/],
			[{ schedule: { value: { timezone: 'Asia/Kolkata', windowStart: '9am', windowEnd: '19:00', weekdays: [1] } } }, 5, /Schedule → Window Start "9am" is not a time as HH:MM/],
			[{ schedule: { value: { timezone: 'Asia/Kolkata', windowStart: '19:00', windowEnd: '09:00', weekdays: [1] } } }, 5, /Window End \(09:00\) must be later than Window Start \(19:00\)/],
			[{ schedule: { value: { timezone: 'Asia/Kolkata', windowStart: '09:00', windowEnd: '19:00', weekdays: [] } } }, 5, /Schedule → Weekdays is empty/],
			[{ retryPolicy: { value: { maxAttempts: 0, backoffMinutes: 60, retryOn: [] } } }, 5, /Retry Policy → Max Attempts must be a whole number of 1 or more/],
			[{ webhookUrl: 'ftp://crm.example.com/hook' }, 5, /Webhook URL "ftp:\/\/crm.example.com\/hook" is not an http\(s\) URL/],
			[{ scheduledStartAt: 'next tuesday' }, 5, /Scheduled Start At "next tuesday" is not a date and time/],
			[{ agentVersion: 1.5 }, 5, /Agent Version must be a whole number/],
		])('refuses %j / maxConcurrent %d locally, naming the field', async (additionalFields, maxConcurrent, message) => {
			const result = await osm.run(createParameters(additionalFields as IDataObject, maxConcurrent as number));
			expect(result.error?.message).toMatch(message as RegExp);
			expect(osm.sim.received('POST', /^\/api\/campaigns$/)).toHaveLength(0);
		});

		it('a 400 from OSMTalk shows its error and details', async () => {
			const result = await osm.run(createParameters({ agentVersion: 9 }));
			expect(result.error?.message).toBe('OSMTalk refused the request while creating the campaign (HTTP 400): Validation failed (agentVersion: agent agent_1 has no version 9)');
			expect(result.error?.description).toBe('OSMTalk found the request invalid: change what its error names and run the node again.');
		});

		it('a 404 for an unknown agent says to check the IDs', async () => {
			const result = await osm.run({ ...createParameters(), agentId: 'agent_zzz' });
			expect(result.error?.message).toMatch(/HTTP 404.*Agent not found/);
			expect(result.error?.description).toMatch(/campaign, agent or phone number ID exists/);
		});
	});

	describe('Get', () => {
		it('returns the campaign', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a', name: 'Renewals' });
			const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
			expect(json(result)).toEqual([expect.objectContaining({ id: 'cmp_a', name: 'Renewals', status: 'draft' })]);
		});

		it.each([
			['200 {}', '{}', 'OSMTalk answered without a campaign while reading campaign "cmp_a": {}'],
			['200 "OK"', 'OK', 'OSMTalk answered HTTP 200 while reading campaign "cmp_a" with "OK", which could not be read'],
			['a truncated JSON body', '{"id": "cmp_a", "sta', 'OSMTalk answered HTTP 200 while reading campaign "cmp_a" with "{"id": "cmp_a", "sta", which could not be read'],
		])('%s is an error, never a "successful" item', async (_, rawBody, message) => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			osm.sim.injectFaults([{ kind: 'replaceAnswer', status: 200, rawBody }]);
			const result = await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
			expect(result.output).toEqual([]);
			expect(result.error?.message).toBe(message);
		});
	});

	describe('Get Many', () => {
		it('Get Many sends the status filter; Limit cuts the list', async () => {
			osm.sim.seedCampaign({ status: 'running' });
			osm.sim.seedCampaign({ status: 'running' });
			osm.sim.seedCampaign({ status: 'draft' });
			const result = await osm.run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 1, filters: { status: 'running' } });
			expect(osm.sim.requests[0].query).toEqual({ status: 'running' });
			expect(json(result)).toHaveLength(1);
			expect(json(result)[0].status).toBe('running');
			const all = await osm.run({ resource: 'campaign', operation: 'getMany', returnAll: true });
			expect(json(all)).toHaveLength(3);
		});

		it('Simplify (on by default) keeps the documented campaign fields; off gives OSMTalk\'s object as it came', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a', name: 'Renewals', status: 'running', webhookUrl: 'https://crm.example.com/hook' });
			const simple = json(await osm.run({ resource: 'campaign', operation: 'getMany', returnAll: true }));
			expect(Object.keys(simple[0])).toEqual(['id', 'name', 'status', 'agentId', 'phoneNumberId', 'maxConcurrent', 'scheduledStartAt']);
			const one = json(await osm.run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' }));
			expect(one).toEqual(simple);
			const raw = json(await osm.run({ resource: 'campaign', operation: 'getMany', returnAll: true, simplify: false }));
			expect(raw[0]).toEqual(osm.sim.campaigns.get('cmp_a'));
			expect(Object.keys(raw[0]).length).toBeGreaterThan(10);
		});
	});

	describe('Update', () => {
		it('Update sends only the fields given (partial PUT)', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a', maxConcurrent: 5, name: 'Old' });
			const result = await osm.run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: { maxConcurrent: 12 } });
			expect(result.error).toBeUndefined();
			const [request] = osm.sim.received('PUT', /cmp_a/);
			expect(request.body).toEqual({ maxConcurrent: 12 });
			expect(json(result)[0]).toMatchObject({ id: 'cmp_a', name: 'Old', maxConcurrent: 12 });
		});

		it('Update with no fields is refused locally', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			const result = await osm.run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: {} });
			expect(result.error?.message).toMatch(/Nothing to update/);
			expect(osm.sim.requests).toHaveLength(0);
		});

		it('Update of a running campaign names its state and the editable ones', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a', status: 'running' });
			const result = await osm.run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: { name: 'New' } });
			expect(result.error?.message).toBe('Cannot update campaign "cmp_a": it is running, and OSMTalk allows this only from draft or scheduled');
		});
	});

	describe('Delete', () => {
		it('Delete of a draft works (204)', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			const result = await osm.run({ resource: 'campaign', operation: 'delete', campaignId: 'cmp_a' });
			expect(json(result)).toEqual([{ id: 'cmp_a', deleted: true }]);
			expect(osm.sim.campaigns.has('cmp_a')).toBe(false);
		});

		it('Delete of a running campaign says it is allowed only from draft / completed / failed', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a', status: 'running' });
			const result = await osm.run({ resource: 'campaign', operation: 'delete', campaignId: 'cmp_a' });
			expect(result.error?.message).toBe('Cannot delete campaign "cmp_a": it is running, and OSMTalk allows this only from draft, completed or failed');
			expect(result.error?.description).toBe('Stop it first, then delete it.');
			// The 400 did not name the state: the node read the campaign to name it.
			expect(osm.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /api/campaigns/cmp_a', 'GET /api/campaigns/cmp_a']);
			expect(osm.sim.campaigns.has('cmp_a')).toBe(true);
		});
	});

	describe('Start / Pause / Resume / Stop', () => {
		it('Start → running, Pause → paused, Resume → running, Stop → completed', async () => {
			seedWithLead();
			for (const [operation, status] of [
				['start', 'running'],
				['pause', 'paused'],
				['resume', 'running'],
				['stop', 'completed'],
			]) {
				const result = await osm.run({ resource: 'campaign', operation, campaignId: 'cmp_a' });
				expect(result.error).toBeUndefined();
				expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status });
			}
			expect(osm.sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				'POST /api/campaigns/cmp_a/start',
				'POST /api/campaigns/cmp_a/pause',
				'POST /api/campaigns/cmp_a/resume',
				'POST /api/campaigns/cmp_a/stop',
			]);
		});

		it('Start of a draft with a future start time → scheduled; Stop from scheduled → completed', async () => {
			seedWithLead({ scheduledStartAt: '2099-01-01T09:00:00+05:30' });
			expect(json(await osm.run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' }))[0].status).toBe('scheduled');
			expect(json(await osm.run({ resource: 'campaign', operation: 'stop', campaignId: 'cmp_a' }))[0].status).toBe('completed');
		});

		it.each([
			['pause', 'draft', 'Cannot pause campaign "cmp_a": it is draft, and OSMTalk allows this only from running', /Start first/],
			['pause', 'paused', 'Cannot pause campaign "cmp_a": it is paused, and OSMTalk allows this only from running', /already paused/],
			['resume', 'running', 'Cannot resume campaign "cmp_a": it is running, and OSMTalk allows this only from paused', /already running/],
			['start', 'completed', 'Cannot start campaign "cmp_a": it is completed, and OSMTalk allows this only from draft or scheduled', /create a new campaign/],
			['start', 'paused', 'Cannot start campaign "cmp_a": it is paused, and OSMTalk allows this only from draft or scheduled', /Use Resume/],
			['stop', 'draft', 'Cannot stop campaign "cmp_a": it is draft, and OSMTalk allows this only from running, paused or scheduled', /delete it instead/],
			['stop', 'failed', 'Cannot stop campaign "cmp_a": it is failed, and OSMTalk allows this only from running, paused or scheduled', /already ended/],
		])('%s from %s is refused with the current state and the allowed ones', async (operation, status, message, hint) => {
			seedWithLead({ status: status as never });
			const result = await osm.run({ resource: 'campaign', operation, campaignId: 'cmp_a' });
			expect(result.error?.message).toBe(message);
			expect(result.error?.description).toMatch(hint);
			expect(result.error?.httpCode).toBe('400');
			expect(osm.sim.campaigns.get('cmp_a')!.status).toBe(status);
		});

		it('does not read the campaign again when the refusal names its state', async () => {
			osm.sim.refusalNamesStatus = true;
			seedWithLead({ status: 'completed' });
			const result = await osm.run({ resource: 'campaign', operation: 'pause', campaignId: 'cmp_a' });
			expect(result.error?.message).toMatch(/it is completed, and OSMTalk allows this only from running/);
			expect(osm.sim.requests).toHaveLength(1);
		});

		it('a start whose answer was lost is not reported as refused when the retry finds it running', async () => {
			seedWithLead();
			// The simulator's faults answer before routing, so the lost answer is emulated: the first attempt
			// fails (503) and the campaign is found running, as if that attempt had started it.
			osm.sim.injectFaults([{ kind: 'status', status: 503, headers: { 'retry-after': '0' } }]);
			osm.sim.campaigns.get('cmp_a')!.status = 'running';
			const result = await osm.run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
			expect(result.error).toBeUndefined();
			expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status: 'running' });
		});

		it('402 on Start: insufficient credits, add credits', async () => {
			osm.sim.credits = 0;
			seedWithLead();
			const result = await osm.run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
			expect(result.error?.message).toBe('OSMTalk refused the request while starting campaign "cmp_a" (HTTP 402): Insufficient credits');
			expect(result.error?.description).toBe('The OSMTalk account has run out of credits: add credits in the OSMTalk dashboard (billing), then run the node again.');
			expect(osm.sim.campaigns.get('cmp_a')!.status).toBe('draft');
		});

		it('a 400 that is not about the state is shown as OSMTalk says it', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			const result = await osm.run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
			expect(result.error?.message).toBe('OSMTalk refused the request while starting campaign "cmp_a" (HTTP 400): Campaign has no leads (leads: campaign has no leads)');
		});
	});

	describe('Get Report', () => {
		it('Get Report returns counts by status and by disposition', async () => {
			seedWithLead({ status: 'running' });
			osm.sim.leads.get('cmp_a')!.push(
				{ id: 'lead_2', phoneNumber: '+919876543211', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null },
				{ id: 'lead_3', phoneNumber: '+919876543212', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null },
			);
			osm.sim.dnc.set('dnc_x', { id: 'dnc_x', phoneNumber: '+919876543212', reason: null, source: 'manual', createdAt: '' });
			osm.sim.placeCalls('cmp_a', (lead) => (lead.id === 'lead_x' ? { status: 'completed', disposition: 'qualified' } : { status: 'no_answer' }));
			const result = await osm.run({ resource: 'campaign', operation: 'getReport', campaignId: 'cmp_a' });
			expect(json(result)[0]).toMatchObject({
				campaign: { id: 'cmp_a', status: 'running' },
				counts: { byStatus: { completed: 1, no_answer: 1, dnc_blocked: 1 }, byDisposition: { qualified: 1 } },
			});
		});

		it('an answer without counts is an error, never an empty report', async () => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			osm.sim.injectFaults([{ kind: 'replaceAnswer', status: 200, rawBody: '{}' }]);
			const result = await osm.run({ resource: 'campaign', operation: 'getReport', campaignId: 'cmp_a' });
			expect(result.error?.message).toBe('OSMTalk answered without the report counts while reading the report of campaign "cmp_a": {}');
		});
	});
});
