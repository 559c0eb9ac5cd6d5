/**
 * The OSMTalk node through n8n's engine (built package from dist/) against the OSMTalk simulator.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { csvItem, runNode, type RunResult } from '../support/engine';
import { OSMTALK_KEY, OsmTalkSimulator } from '../simulators/osmtalk';

const WEBHOOK_SECRET = 'whsec_must_never_leak_91';

let sim: OsmTalkSimulator;

beforeEach(async () => {
	sim = new OsmTalkSimulator();
	sim.addAgent('agent_1', 7);
	sim.addPhoneNumber('pn_1');
	await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

interface RunArgs {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	apiKey?: string;
}

async function run(parameters: IDataObject, args: RunArgs = {}): Promise<RunResult> {
	const result = await runNode(
		{ type: 'osmTalk', parameters, credentials: { osmTalkApi: 'OSMTalk' }, continueOnFail: args.continueOnFail },
		{
			items: args.items,
			credentials: { osmTalkApi: { apiKey: args.apiKey ?? OSMTALK_KEY, baseUrl: sim.baseUrl, webhookSecret: WEBHOOK_SECRET } },
		},
	);
	// No secret may ever reach an output item or an error.
	const visible = JSON.stringify([result.output, result.error?.message, result.error?.description]);
	expect(visible).not.toContain(OSMTALK_KEY);
	expect(visible).not.toContain(WEBHOOK_SECRET);
	return result;
}

const json = (result: RunResult) => result.output.map((item) => item.json);
const items = (rows: IDataObject[]) => rows.map((row) => ({ json: row }));

describe('credential and errors', () => {
	it('sends the API key as a Bearer token', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error).toBeUndefined();
		expect(sim.requests[0].headers.authorization).toBe(`Bearer ${OSMTALK_KEY}`);
		expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status: 'draft' });
	});

	it('401: tells the user to check the API key, without showing it', async () => {
		const result = await run({ resource: 'campaign', operation: 'getMany', returnAll: true }, { apiKey: 'wrong_key_123' });
		expect(result.error?.message).toMatch(/API key was refused \(HTTP 401\)/);
		expect(result.error?.description).toMatch(/Check the API Key of the OSMTalk API credential/);
		expect(JSON.stringify([result.error?.message, result.error?.description])).not.toContain('wrong_key_123');
	});

	it('404: names the campaign and what to check', async () => {
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_missing' });
		expect(result.error?.message).toMatch(/not found.*HTTP 404.*Campaign not found/);
		expect(result.error?.description).toMatch(/No campaign "cmp_missing".*check the Campaign ID/);
	});

	it('429 and 500 are retried (Retry-After honoured), a dropped connection too', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		sim.injectFaults([
			{ kind: 'status', status: 429, headers: { 'retry-after': '0' } },
			{ kind: 'status', status: 500, body: { error: 'Bot spawn failed' }, headers: { 'retry-after': '0' } },
			{ kind: 'drop' },
		]);
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error).toBeUndefined();
		expect(sim.received('GET', /^\/api\/campaigns\/cmp_a$/).map((request) => request.status)).toEqual([429, 500, 0, 200]);
		expect(json(result)[0].id).toBe('cmp_a');
	});

	it('500 after the retries: says what a bot spawn / SIP failure needs', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		sim.injectFaults(
			Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 500, body: { error: 'SIP trunk rejected the call' }, headers: { 'retry-after': '0' } })),
		);
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error?.message).toMatch(/bot spawn or SIP failure.*HTTP 500.*SIP trunk rejected the call/);
		expect(result.error?.description).toMatch(/Check the campaign's agent and phone number.*Gave up: HTTP 500 after 6 attempts/);
	});

	it('429 after the retries: says to wait or lower Max Concurrent', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		sim.injectFaults(Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 429, body: { error: 'Concurrency limit' }, headers: { 'retry-after': '0' } })));
		const result = await run({ resource: 'campaign', operation: 'get', campaignId: 'cmp_a' });
		expect(result.error?.message).toMatch(/concurrency limit hit.*HTTP 429/);
		expect(result.error?.description).toMatch(/Wait a minute.*Max Concurrent/);
	});

	it('Continue On Fail: one error item per failed item, the others go on', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		const result = await run(
			{ resource: 'campaign', operation: 'get', campaignId: '={{ $json.id }}' },
			{ items: items([{ id: 'cmp_a' }, { id: 'cmp_nope' }, { id: 'cmp_a' }]), continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(json(result).map((entry) => entry.id ?? 'error')).toEqual(['cmp_a', 'error', 'cmp_a']);
		expect(String(json(result)[1].error)).toMatch(/HTTP 404/);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Campaign → Create / Get / Get Many / Update / Delete', () => {
	const createParameters = (additionalFields: IDataObject = {}, maxConcurrent = 5): IDataObject => ({
		resource: 'campaign',
		operation: 'create',
		name: 'Q2 Renewals',
		agentId: 'agent_1',
		phoneNumberId: 'pn_1',
		maxConcurrent,
		additionalFields,
	});

	it('creates a draft with every documented field', async () => {
		const result = await run(
			createParameters({
				agentVersion: 7,
				scheduledStartAt: '2030-05-08T09:00:00',
				schedule: { value: { timezone: 'Asia/Kolkata', windowStart: '09:00', windowEnd: '19:00', weekdays: [5, 1, 2, 3, 4] } },
				retryPolicy: { value: { maxAttempts: 3, backoffMinutes: 60, retryOn: ['no_answer', 'busy'] } },
				webhookUrl: 'https://crm.example.com/webhooks/osmtalk',
			}),
		);
		expect(result.error).toBeUndefined();
		const [request] = sim.received('POST', /^\/api\/campaigns$/);
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
		const result = await run(createParameters(additionalFields as IDataObject, maxConcurrent as number));
		expect(result.error?.message).toMatch(message as RegExp);
		expect(sim.received('POST', /^\/api\/campaigns$/)).toHaveLength(0);
	});

	it('a 400 from OSMTalk shows its error and details', async () => {
		const result = await run(createParameters({ agentVersion: 9 }));
		expect(result.error?.message).toMatch(/validation failed.*HTTP 400.*agentVersion: agent agent_1 has no version 9/);
		expect(result.error?.description).toMatch(/change what the error names/);
	});

	it('a 404 for an unknown agent says to check the IDs', async () => {
		const result = await run({ ...createParameters(), agentId: 'agent_zzz' });
		expect(result.error?.message).toMatch(/HTTP 404.*Agent not found/);
		expect(result.error?.description).toMatch(/campaign, agent or phone number ID exists/);
	});

	it('Get Many sends the status filter; Limit cuts the list', async () => {
		sim.seedCampaign({ status: 'running' });
		sim.seedCampaign({ status: 'running' });
		sim.seedCampaign({ status: 'draft' });
		const result = await run({ resource: 'campaign', operation: 'getMany', returnAll: false, limit: 1, filters: { status: 'running' } });
		expect(sim.requests[0].query).toEqual({ status: 'running' });
		expect(json(result)).toHaveLength(1);
		expect(json(result)[0].status).toBe('running');
		const all = await run({ resource: 'campaign', operation: 'getMany', returnAll: true });
		expect(json(all)).toHaveLength(3);
	});

	it('Update sends only the fields given (partial PUT)', async () => {
		sim.seedCampaign({ id: 'cmp_a', maxConcurrent: 5, name: 'Old' });
		const result = await run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: { maxConcurrent: 12 } });
		expect(result.error).toBeUndefined();
		const [request] = sim.received('PUT', /cmp_a/);
		expect(request.body).toEqual({ maxConcurrent: 12 });
		expect(json(result)[0]).toMatchObject({ id: 'cmp_a', name: 'Old', maxConcurrent: 12 });
	});

	it('Update with no fields is refused locally', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		const result = await run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: {} });
		expect(result.error?.message).toMatch(/Nothing to update/);
		expect(sim.requests).toHaveLength(0);
	});

	it('Update of a running campaign names its state and the editable ones', async () => {
		sim.seedCampaign({ id: 'cmp_a', status: 'running' });
		const result = await run({ resource: 'campaign', operation: 'update', campaignId: 'cmp_a', updateFields: { name: 'New' } });
		expect(result.error?.message).toBe('Cannot update campaign "cmp_a": it is running, and OSMTalk allows this only from draft or scheduled');
	});

	it('Delete of a draft works (204)', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		const result = await run({ resource: 'campaign', operation: 'delete', campaignId: 'cmp_a' });
		expect(json(result)).toEqual([{ id: 'cmp_a', deleted: true }]);
		expect(sim.campaigns.has('cmp_a')).toBe(false);
	});

	it('Delete of a running campaign says it is allowed only from draft / completed / failed', async () => {
		sim.seedCampaign({ id: 'cmp_a', status: 'running' });
		const result = await run({ resource: 'campaign', operation: 'delete', campaignId: 'cmp_a' });
		expect(result.error?.message).toBe('Cannot delete campaign "cmp_a": it is running, and OSMTalk allows this only from draft, completed or failed');
		expect(result.error?.description).toBe('Stop it first, then delete it.');
		// The 400 did not name the state: the node read the campaign to name it.
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /api/campaigns/cmp_a', 'GET /api/campaigns/cmp_a']);
		expect(sim.campaigns.has('cmp_a')).toBe(true);
	});
});

describe('Campaign lifecycle', () => {
	function seedWithLead(fields: IDataObject = {}) {
		const campaign = sim.seedCampaign({ id: 'cmp_a', ...fields });
		sim.leads.get('cmp_a')!.push({ id: 'lead_x', phoneNumber: '+919876543210', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null });
		return campaign;
	}

	it('Start → running, Pause → paused, Resume → running, Stop → completed', async () => {
		seedWithLead();
		for (const [operation, status] of [
			['start', 'running'],
			['pause', 'paused'],
			['resume', 'running'],
			['stop', 'completed'],
		]) {
			const result = await run({ resource: 'campaign', operation, campaignId: 'cmp_a' });
			expect(result.error).toBeUndefined();
			expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status });
		}
		expect(sim.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/campaigns/cmp_a/start',
			'POST /api/campaigns/cmp_a/pause',
			'POST /api/campaigns/cmp_a/resume',
			'POST /api/campaigns/cmp_a/stop',
		]);
	});

	it('Start of a draft with a future start time → scheduled; Stop from scheduled → completed', async () => {
		seedWithLead({ scheduledStartAt: '2099-01-01T09:00:00+05:30' });
		expect(json(await run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' }))[0].status).toBe('scheduled');
		expect(json(await run({ resource: 'campaign', operation: 'stop', campaignId: 'cmp_a' }))[0].status).toBe('completed');
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
		const result = await run({ resource: 'campaign', operation, campaignId: 'cmp_a' });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(hint);
		expect(result.error?.httpCode).toBe('400');
		expect(sim.campaigns.get('cmp_a')!.status).toBe(status);
	});

	it('does not read the campaign again when the refusal names its state', async () => {
		sim.refusalNamesStatus = true;
		seedWithLead({ status: 'completed' });
		const result = await run({ resource: 'campaign', operation: 'pause', campaignId: 'cmp_a' });
		expect(result.error?.message).toMatch(/it is completed, and OSMTalk allows this only from running/);
		expect(sim.requests).toHaveLength(1);
	});

	it('a start whose answer was lost is not reported as refused when the retry finds it running', async () => {
		seedWithLead();
		// The simulator's faults answer before routing, so the lost answer is emulated: the first attempt
		// fails (503) and the campaign is found running, as if that attempt had started it.
		sim.injectFaults([{ kind: 'status', status: 503, headers: { 'retry-after': '0' } }]);
		sim.campaigns.get('cmp_a')!.status = 'running';
		const result = await run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({ id: 'cmp_a', status: 'running' });
	});

	it('402 on Start: insufficient credits, add credits', async () => {
		sim.credits = 0;
		seedWithLead();
		const result = await run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
		expect(result.error?.message).toMatch(/insufficient credits.*HTTP 402.*Insufficient credits/);
		expect(result.error?.description).toMatch(/run out of credits\. Add credits in the OSMTalk dashboard/);
		expect(sim.campaigns.get('cmp_a')!.status).toBe('draft');
	});

	it('a 400 that is not about the state is shown as OSMTalk says it', async () => {
		sim.seedCampaign({ id: 'cmp_a' });
		const result = await run({ resource: 'campaign', operation: 'start', campaignId: 'cmp_a' });
		expect(result.error?.message).toMatch(/validation failed while starting campaign "cmp_a" \(HTTP 400\): Campaign has no leads/);
	});

	it('Get Report returns counts by status and by disposition', async () => {
		seedWithLead({ status: 'running' });
		sim.leads.get('cmp_a')!.push(
			{ id: 'lead_2', phoneNumber: '+919876543211', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null },
			{ id: 'lead_3', phoneNumber: '+919876543212', variables: {}, status: 'pending', disposition: null, attempts: 0, callId: null },
		);
		sim.dnc.set('dnc_x', { id: 'dnc_x', phoneNumber: '+919876543212', reason: null, source: 'manual', createdAt: '' });
		sim.placeCalls('cmp_a', (lead) => (lead.id === 'lead_x' ? { status: 'completed', disposition: 'qualified' } : { status: 'no_answer' }));
		const result = await run({ resource: 'campaign', operation: 'getReport', campaignId: 'cmp_a' });
		expect(json(result)[0]).toMatchObject({
			campaign: { id: 'cmp_a', status: 'running' },
			counts: { byStatus: { completed: 1, no_answer: 1, dnc_blocked: 1 }, byDisposition: { qualified: 1 } },
		});
	});
});

describe('Lead → Add', () => {
	beforeEach(() => {
		sim.seedCampaign({ id: 'cmp_a' });
	});

	const addParameters = (extra: IDataObject = {}): IDataObject => ({
		resource: 'lead',
		operation: 'add',
		campaignId: 'cmp_a',
		contactSource: 'items',
		...extra,
	});

	it('sends the JSON-array format and accounts for every contact', async () => {
		const input = [
			{ phone: '+91 98765 43210', first_name: 'Arjun', company: 'Acme' },
			{ phone: '9876543211', first_name: 'Meera', premium: 8900 },
			{ phone: '12', first_name: 'Bad' },
			{ phone: '+919876543210', first_name: 'Arjun again' },
			{ first_name: 'No phone' },
			{ phone: '+919876543213', first_name: 'Blocked' },
		];
		const result = await run(addParameters({ options: { doNotCallNumbers: '+919876543213', defaultCountry: 'IN' } }), { items: items(input) });
		expect(result.error).toBeUndefined();
		const [request] = sim.received('POST', /\/leads$/);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.body).toEqual({
			leads: [
				{ phoneNumber: '+919876543210', variables: { first_name: 'Arjun', company: 'Acme' } },
				{ phoneNumber: '+919876543211', variables: { first_name: 'Meera', premium: '8900' } },
			],
		});
		const out = json(result);
		expect(out).toHaveLength(input.length);
		expect(out.map((entry) => entry.status)).toEqual(['sent', 'sent', 'invalid', 'duplicate', 'invalid', 'suppressed']);
		expect(out[0].providerResponse).toMatchObject({ campaignId: 'cmp_a', inserted: 2, csvErrors: 0 });
		expect(sim.leads.get('cmp_a')).toHaveLength(2);
	});

	it('without a Default Country, a number without country code is invalid, with the reason', async () => {
		const result = await run(addParameters(), { items: items([{ phone: '9876543211' }, { phone: '+919876543212' }]) });
		expect(json(result).map((entry) => entry.status)).toEqual(['invalid', 'sent']);
		expect(json(result)[0].reason).toBe('"9876543211" has no country code and no Default Country is set');
	});

	it('checks the CSV rules locally: column names, 50 columns, 4,000 characters a cell', async () => {
		const wide: IDataObject = { phone: '+919876543220' };
		for (let i = 0; i < 51; i++) wide[`col_${i}`] = 'x';
		const input = [
			{ phone: '+919876543221', 'Client Name': 'ok', 'order.id': 'A-1', 'tracking-id': 't' },
			{ phone: '+919876543222', notes: 'y'.repeat(4001) },
			{ phone: '+919876543223', 'bad  name': 'two spaces' },
			{ phone: '+919876543224', ['n'.repeat(65)]: 'long name' },
			{ phone: '+919876543225', number: '42' },
			wide,
		];
		const result = await run(addParameters(), { items: items(input) });
		const out = json(result);
		expect(out.map((entry) => entry.status)).toEqual(['sent', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
		expect(out[1].reason).toMatch(/field "notes" has 4,001 characters; OSMTalk takes at most 4,000 a cell/);
		expect(out[2].reason).toMatch(/field name "bad  name" is not allowed by OSMTalk/);
		expect(out[3].reason).toMatch(/is 65 characters long; OSMTalk column names are 1–64 characters/);
		expect(out[4].reason).toMatch(/field "number" would collide with OSMTalk's phone column.*Variable Fields/);
		expect(out[5].reason).toMatch(/51 variable fields; OSMTalk takes at most 50 columns besides the phone/);
		expect(sim.received('POST', /\/leads$/)[0].body).toEqual({
			leads: [{ phoneNumber: '+919876543221', variables: { 'Client Name': 'ok', 'order.id': 'A-1', 'tracking-id': 't' } }],
		});
	});

	it('reads a CSV file, uses the Default Country, and maps csvErrors back onto the contacts', async () => {
		sim.leadErrors.set('+14155550102', 'number is not reachable from this phone number');
		const csv = ['Mobile,first_name,plan', '(415) 555-0101,Ann,Pro', '415-555-0102,Bob,Free', '+919876543230,Ravi,Pro', ''].join('\n');
		const result = await run(addParameters({ contactSource: 'csv', options: { defaultCountry: 'US' } }), { items: [csvItem(csv)] });
		expect(result.error).toBeUndefined();
		const out = json(result);
		expect(out.map((entry) => [entry.row, entry.phone, entry.status])).toEqual([
			[1, '+14155550101', 'sent'],
			[2, '+14155550102', 'invalid'],
			[3, '+919876543230', 'sent'],
		]);
		expect(out[1].reason).toMatch(/rejected by OSMTalk: number is not reachable from this phone number/);
		expect(out[0].providerResponse).toMatchObject({ inserted: 2, csvErrors: 1 });
		expect(sim.leads.get('cmp_a')!.map((lead) => lead.phoneNumber)).toEqual(['+14155550101', '+919876543230']);
	});

	it('cuts batches to the Batch Size and sends them in order', async () => {
		const input = Array.from({ length: 7 }, (_, i) => ({ phone: `+9198765432${String(40 + i)}`, n: String(i) }));
		const result = await run(addParameters({ options: { batchSize: 3, output: 'summary' } }), { items: items(input) });
		expect(sim.received('POST', /\/leads$/).map((request) => (request.body as { leads: unknown[] }).leads.length)).toEqual([3, 3, 1]);
		expect(json(result)[0]).toMatchObject({ total: 7, sent: 7, invalid: 0, failed: 0 });
	});

	it('leaves out numbers on OSMTalk\'s Do-Not-Call list when asked', async () => {
		sim.dnc.set('dnc_1', { id: 'dnc_1', phoneNumber: '+919876543250', reason: null, source: 'opt_out', createdAt: '' });
		const result = await run(addParameters({ options: { checkProviderDnc: true } }), {
			items: items([{ phone: '+919876543250' }, { phone: '+919876543251' }]),
		});
		expect(json(result).map((entry) => entry.status)).toEqual(['suppressed', 'sent']);
		expect(json(result)[0].reason).toMatch(/on OSMTalk's Do-Not-Call list/);
		expect(sim.received('GET', /\/api\/campaigns\/dnc$/)).toHaveLength(1);
	});

	it('to a running campaign: names the state; Continue On Fail marks the contacts failed', async () => {
		sim.campaigns.get('cmp_a')!.status = 'running';
		const failed = await run(addParameters(), { items: items([{ phone: '+919876543260' }]) });
		expect(failed.error?.message).toMatch(/Cannot add leads to campaign "cmp_a": it is running, and OSMTalk allows this only from draft/);
		const continued = await run(addParameters(), { items: items([{ phone: '+919876543260' }, { phone: 'x' }]), continueOnFail: true });
		expect(json(continued).map((entry) => entry.status)).toEqual(['failed', 'invalid']);
		expect(json(continued)[0].reason).toMatch(/it is running/);
	});

	it('retries a 429 on an upload without losing or doubling leads', async () => {
		sim.injectFaults([{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }], /\/leads$/);
		const result = await run(addParameters(), { items: items([{ phone: '+919876543270' }, { phone: '+919876543271' }]) });
		expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'sent']);
		expect(sim.leads.get('cmp_a')).toHaveLength(2);
	});
});

describe('Lead → Get Many', () => {
	beforeEach(() => {
		sim.seedCampaign({ id: 'cmp_a' });
		const leads = sim.leads.get('cmp_a')!;
		for (let i = 0; i < 2500; i++) {
			leads.push({ id: `lead_${i}`, phoneNumber: `+9198765${String(i).padStart(5, '0')}`, variables: {}, status: i % 2 ? 'busy' : 'completed', disposition: null, attempts: 1, callId: null });
		}
	});

	it('Return All pages with limit 1000 and offset', async () => {
		const result = await run({ resource: 'lead', operation: 'getMany', campaignId: 'cmp_a', returnAll: true });
		expect(json(result)).toHaveLength(2500);
		expect(sim.requests.map((request) => request.query)).toEqual([
			{ limit: '1000', offset: '0' },
			{ limit: '1000', offset: '1000' },
			{ limit: '1000', offset: '2000' },
		]);
	});

	it('Limit and the status filter', async () => {
		const result = await run({ resource: 'lead', operation: 'getMany', campaignId: 'cmp_a', returnAll: false, limit: 5, filters: { status: 'busy' } });
		expect(json(result)).toHaveLength(5);
		expect(json(result).every((lead) => lead.status === 'busy')).toBe(true);
		expect(sim.requests[0].query).toEqual({ limit: '5', offset: '0', status: 'busy' });
	});
});

describe('Do Not Call', () => {
	it('Add normalizes with the Default Country and sends the source', async () => {
		const result = await run({
			resource: 'doNotCall',
			operation: 'add',
			phoneNumber: '98765 43210',
			source: 'opt_out',
			reason: 'Customer email opt-out',
			options: { defaultCountry: 'IN' },
		});
		expect(sim.received('POST', /\/dnc$/)[0].body).toEqual({ phoneNumber: '+919876543210', source: 'opt_out', reason: 'Customer email opt-out' });
		expect(json(result)[0]).toMatchObject({ phoneNumber: '+919876543210', source: 'opt_out' });
	});

	it('Add refuses an unreadable number and a source that is not documented', async () => {
		const bad = await run({ resource: 'doNotCall', operation: 'add', phoneNumber: '12', source: 'manual' });
		expect(bad.error?.message).toBe('Phone Number: "12" has no country code and no Default Country is set');
		expect(bad.error?.description).toMatch(/E\.164.*Default Country/);
		const source = await run({ resource: 'doNotCall', operation: 'add', phoneNumber: '+919876543210', source: '={{ "robot" }}' });
		expect(source.error?.message).toMatch(/Source "robot" is not one of manual, opt_out, imported, api/);
		expect(sim.requests).toHaveLength(0);
	});

	it('Add Many: bulk, chunked, duplicates ignored, every number accounted for', async () => {
		sim.dnc.set('dnc_old', { id: 'dnc_old', phoneNumber: '+919876543301', reason: null, source: 'manual', createdAt: '' });
		const input = [
			{ phone: '+919876543300', reason: 'asked' },
			{ phone: '+919876543301' },
			{ phone: '+919876543300' },
			{ phone: 'nope' },
			{ phone: '+919876543302' },
		];
		const result = await run({ resource: 'doNotCall', operation: 'addMany', source: 'imported', contactSource: 'items', options: { batchSize: 2 } }, { items: items(input) });
		expect(result.error).toBeUndefined();
		const bulk = sim.received('POST', /\/dnc\/bulk$/);
		expect(bulk.map((request) => request.body)).toEqual([
			{ entries: [{ phoneNumber: '+919876543300', source: 'imported', reason: 'asked' }, { phoneNumber: '+919876543301', source: 'imported' }] },
			{ entries: [{ phoneNumber: '+919876543302', source: 'imported' }] },
		]);
		expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'sent', 'duplicate', 'invalid', 'sent']);
		expect(json(result)[0].providerResponse).toEqual({ inserted: 1, alreadyListed: 1 });
		expect(sim.dnc.size).toBe(3);
	});

	it('Get Many and Remove by ID or by phone number', async () => {
		sim.dnc.set('dnc_1', { id: 'dnc_1', phoneNumber: '+919876543310', reason: null, source: 'manual', createdAt: '' });
		sim.dnc.set('dnc_2', { id: 'dnc_2', phoneNumber: '+919876543311', reason: null, source: 'api', createdAt: '' });
		expect(json(await run({ resource: 'doNotCall', operation: 'getMany', returnAll: true })).map((entry) => entry.id)).toEqual(['dnc_1', 'dnc_2']);
		expect(json(await run({ resource: 'doNotCall', operation: 'getMany', returnAll: false, limit: 1 }))).toHaveLength(1);

		expect(json(await run({ resource: 'doNotCall', operation: 'remove', removeBy: 'id', entryId: 'dnc_1' }))[0]).toEqual({ removed: true, ids: ['dnc_1'] });
		const byPhone = await run({ resource: 'doNotCall', operation: 'remove', removeBy: 'phoneNumber', phoneNumber: '9876543311', options: { defaultCountry: 'IN' } });
		expect(json(byPhone)[0]).toEqual({ removed: true, ids: ['dnc_2'], phoneNumber: '+919876543311' });
		expect(sim.dnc.size).toBe(0);

		const missing = await run({ resource: 'doNotCall', operation: 'remove', removeBy: 'id', entryId: 'dnc_9' });
		expect(missing.error?.message).toMatch(/HTTP 404/);
		expect(missing.error?.description).toMatch(/No Do-Not-Call entry "dnc_9"/);
	});
});

describe('limits', () => {
	it('50,001 leads go in two requests: 50,000 and 1', async () => {
		sim.seedCampaign({ id: 'cmp_big' });
		const input = Array.from({ length: 50_001 }, (_, i) => ({ json: { phone: `+9197${String(i).padStart(8, '0')}` } }));
		const result = await run({ resource: 'lead', operation: 'add', campaignId: 'cmp_big', contactSource: 'items', options: { output: 'summary' } }, { items: input });
		expect(result.error).toBeUndefined();
		expect(sim.received('POST', /\/leads$/).map((request) => (request.body as { leads: unknown[] }).leads.length)).toEqual([50_000, 1]);
		expect(json(result)[0]).toMatchObject({ total: 50_001, sent: 50_001 });
		expect(sim.leads.get('cmp_big')).toHaveLength(50_001);
	});
});

describe('the simulator itself (so that passing against it means something)', () => {
	const call = async (method: string, path: string, body?: string, type = 'application/json', key = OSMTALK_KEY) => {
		const response = await fetch(`${sim.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${key}`, 'content-type': type },
			body,
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	};

	it('takes CSV and CSV-in-JSON uploads under the documented rules', async () => {
		sim.seedCampaign({ id: 'cmp_s' });
		const csv = 'Phone,first_name\n+919876543210,Arjun\nnot-a-phone,Meera\n';
		expect(await call('POST', '/api/campaigns/cmp_s/leads', csv, 'text/csv')).toEqual({
			status: 200,
			body: { inserted: 1, csvErrors: [{ row: 2, phoneNumber: 'not-a-phone', error: 'phone number "not-a-phone" is not E.164' }] },
		});
		expect((await call('POST', '/api/campaigns/cmp_s/leads', JSON.stringify({ csv: 'number,x\n+919876543211,1' }))).body).toEqual({ inserted: 1, csvErrors: [] });
		expect((await call('POST', '/api/campaigns/cmp_s/leads', 'phone,phone_number\n+919876543212,+919876543213', 'text/csv')).status).toBe(400);
		const wide = `phone,${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}\n+919876543214${',x'.repeat(51)}`;
		expect((await call('POST', '/api/campaigns/cmp_s/leads', wide, 'text/csv')).body.details[0].message).toMatch(/51 columns after the phone; at most 50/);
		expect((await call('POST', '/api/campaigns/cmp_s/leads', `phone,note\n+919876543215,${'y'.repeat(4001)}`, 'text/csv')).body.csvErrors[0].error).toMatch(/longer than 4000/);
		expect((await call('GET', '/api/campaigns/cmp_s/leads?limit=1001')).status).toBe(400);
		expect((await call('GET', '/api/campaigns/cmp_s', undefined, 'application/json', 'bad')).status).toBe(401);
	});

	it('validates campaigns and the DNC source', async () => {
		const created = await call('POST', '/api/campaigns', JSON.stringify({ name: 'x', agentId: 'agent_1', phoneNumberId: 'pn_1', maxConcurrent: 51, colour: 'red' }));
		expect(created.status).toBe(400);
		expect(created.body.details).toEqual([
			{ field: 'colour', message: 'unknown field' },
			{ field: 'maxConcurrent', message: 'must be an integer between 1 and 50' },
		]);
		expect((await call('POST', '/api/campaigns/dnc', JSON.stringify({ phoneNumber: '+919876543210', source: 'robot' }))).status).toBe(400);
		const bulk = await call('POST', '/api/campaigns/dnc/bulk', JSON.stringify({ entries: [{ phoneNumber: '+919876543210' }, { phoneNumber: '+919876543210' }] }));
		expect(bulk.body).toEqual({ inserted: 1, ignored: 1 });
	});
});
