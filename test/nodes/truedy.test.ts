import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { TRUEDY_KEY, TruedySimulator } from '../simulators/truedy';
import { csvItem, loadPackage, runNode, type RunResult } from '../support/engine';

let sim: TruedySimulator;

beforeEach(async () => {
	sim = new TruedySimulator();
	await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

const credentials = () => ({ truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_test_secret' } });

async function run(parameters: Record<string, unknown>, items: INodeExecutionData[], options: { continueOnFail?: boolean; apiKey?: string } = {}) {
	const creds = credentials();
	if (options.apiKey) creds.truedyApi.apiKey = options.apiKey;
	return await runNode(
		{ type: 'truedy', parameters: { resource: 'batchCall', ...parameters }, credentials: { truedyApi: 'Truedy' }, continueOnFail: options.continueOnFail },
		{ items, credentials: creds },
	);
}

const contacts = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

function statuses(result: RunResult): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of result.output) counts[item.json.status as string] = (counts[item.json.status as string] ?? 0) + 1;
	return counts;
}

function noSecrets(result: RunResult): void {
	const text = JSON.stringify(result.output) + (result.error ? `${result.error.message} ${result.error.description ?? ''}` : '');
	expect(text).not.toContain(TRUEDY_KEY);
	expect(text).not.toContain('whsec_test_secret');
}

describe('Truedy credential', () => {
	it('has the documented fields and tests with GET /agents?limit=1', async () => {
		const { credentialTypes, nodeNames } = await loadPackage();
		expect(nodeNames).toContain('truedy');
		const type = credentialTypes.truedyApi;
		expect(type.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'webhookSecret']);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.truedy.ai/api/public/v1');
		expect(type.properties.find((p) => p.name === 'webhookSecret')?.typeOptions?.password).toBe(true);
		expect(type.test?.request).toMatchObject({ url: '/agents', qs: { limit: 1 } });
		const ok = await fetch(`${sim.baseUrl}/agents?limit=1`, { headers: { authorization: `Bearer ${TRUEDY_KEY}` } });
		expect(ok.status).toBe(200);
		const bad = await fetch(`${sim.baseUrl}/agents?limit=1`, { headers: { authorization: 'Bearer nope' } });
		expect(bad.status).toBe(401);
	});
});

describe('Batch Call → Add Contacts', () => {
	it('normalizes, dedupes, suppresses and sends only the documented fields, in batches', async () => {
		sim.addBatchCall('batch_1', 'active');
		const result = await run(
			{
				operation: 'addContacts',
				batchCallId: 'batch_1',
				options: { batchSize: 2, doNotCallNumbers: '+12127365003', defaultCountry: 'US' },
			},
			contacts(
				{ phone: '(212) 736-5000', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', plan: 'gold' },
				{ phone: '212-736-5001', firstName: 'Bob' },
				{ phone: '+1 212 736 5000', first_name: 'Ann again' },
				{ phone: '12', first_name: 'Short' },
				{ phone: '+12127365003', first_name: 'Blocked' },
				{ phone: '+442079460000', first_name: 'Uk' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(6);
		expect(statuses(result)).toEqual({ sent: 3, duplicate: 1, invalid: 1, suppressed: 1 });
		expect(result.output[2].json.reason).toContain('same phone number +12127365000 as item 0');
		expect(result.output[3].json.reason).toContain('too short');

		const requests = sim.received('POST', /^\/batch-calls\/batch_1\/contacts$/);
		expect(requests.map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([2, 1]);
		expect(requests[0].headers.authorization).toBe(`Bearer ${TRUEDY_KEY}`);
		expect((requests[0].body as { contacts: unknown[] }).contacts[0]).toEqual({
			phone_number: '+12127365000',
			first_name: 'Ann',
			last_name: 'Lee',
			email: 'ann@example.com',
		});
		expect(sim.batchCalls.get('batch_1')!.contacts.map((c) => c.phone_number)).toEqual(['+12127365000', '+12127365001', '+442079460000']);
		expect(result.output[0].json.providerResponse).toMatchObject({ batch_call_id: 'batch_1', added_count: 2, failed_count: 0 });
		noSecrets(result);
	});

	it('does not guess the country of a local number when Default Country is not set', async () => {
		sim.addBatchCall('batch_0', 'active');
		const result = await run({ operation: 'addContacts', batchCallId: 'batch_0' }, contacts({ phone: '212-736-5000' }, { phone: '+12127365001' }));
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ status: 'invalid', reason: '"212-736-5000" has no country code and no Default Country is set' });
		expect(result.output[1].json).toMatchObject({ status: 'sent' });
	});

	it('reads the summary-shaped answer and names contacts Truedy skipped as already in the batch call', async () => {
		sim.addContactsShape = 'summary';
		const batch = sim.addBatchCall('batch_2', 'paused');
		batch.contacts.push({ phone_number: '+12127365000', first_name: null, last_name: null, email: null, custom_fields: null });
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_2', options: { batchSize: 1 } },
			contacts({ phone: '+12127365000' }, { phone: '+12127365001' }),
		);
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ status: 'duplicate', reason: expect.stringContaining('already in the batch call') });
		expect(result.output[1].json).toMatchObject({ status: 'sent' });
		expect(result.output[1].json.providerResponse).toMatchObject({ added: 1, duplicates_skipped: 0, invalid_skipped: 0, total_contacts: 2 });
	});

	it('marks the contact a 422 names (loc body.contacts[i].phone_number) invalid and re-sends the rest', async () => {
		sim.addBatchCall('batch_3', 'active');
		sim.refusedNumbers.add('+12127365001');
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_3' },
			contacts({ phone: '+12127365000' }, { phone: '+12127365001', first_name: 'Bad' }, { phone: '+12127365002' }),
		);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 2, invalid: 1 });
		expect(result.output[1].json.reason).toBe('rejected by Truedy: phone_number: Value error, not a dialable phone number');
		const requests = sim.received('POST', /\/contacts$/);
		expect(requests.map((r) => r.status)).toEqual([422, 200]);
		expect((requests[1].body as { contacts: Array<{ phone_number: string }> }).contacts.map((c) => c.phone_number)).toEqual([
			'+12127365000',
			'+12127365002',
		]);
	});

	it('waits until error.details.reset_at after a 429 (no Retry-After) and then succeeds', async () => {
		sim.rateLimit = 2;
		sim.rateWindowMs = 1200;
		sim.addBatchCall('batch_4', 'active');
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_4', options: { batchSize: 1, rateLimit: 0 } },
			contacts({ phone: '+12127365000' }, { phone: '+12127365001' }, { phone: '+12127365002' }),
		);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 3 });
		const limited = sim.arrivals.findIndex((arrival) => arrival.limited);
		expect(limited).toBe(2);
		expect(sim.requests.find((r) => r.status === 429)?.headers['retry-after']).toBeUndefined();
		const retry = sim.arrivals[limited + 1];
		expect(retry.limited).toBe(false);
		expect(retry.at).toBeGreaterThanOrEqual(sim.arrivals[limited].resetAt!);
	});

	it('paces requests with the rate limiter so that Truedy never answers 429', async () => {
		sim.rateLimit = 3;
		sim.rateWindowMs = 1000;
		sim.addBatchCall('batch_5', 'active');
		const rows = Array.from({ length: 8 }, (_, i) => ({ phone: `+1212736${String(5000 + i)}` }));
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_5', options: { batchSize: 1, rateLimit: 3, rateLimitWindow: 1 } },
			contacts(...rows),
		);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 8 });
		expect(sim.received('POST', /\/contacts$/)).toHaveLength(8);
		expect(sim.rateLimited).toBe(0);
	});

	it('retries a dropped connection and a 503, then sends', async () => {
		sim.addBatchCall('batch_6', 'active');
		sim.injectFaults([{ kind: 'drop' }, { kind: 'status', status: 503, headers: { 'retry-after': '0' } }]);
		const result = await run({ operation: 'addContacts', batchCallId: 'batch_6' }, contacts({ phone: '+12127365000' }));
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 1 });
		expect(sim.received('POST', /\/contacts$/).map((r) => r.status)).toEqual([0, 503, 200]);
	});

	it('reports an unknown batch call with the envelope text and what to do, without secrets', async () => {
		const result = await run({ operation: 'addContacts', batchCallId: 'batch_missing' }, contacts({ phone: '+12127365000' }));
		expect(result.error?.message).toContain('Truedy did not accept batch 1 of 1');
		expect(result.error?.message).toContain('HTTP 404: not_found: Batch call not found');
		expect(result.error?.message).toContain('check the ID');
		noSecrets(result);
	});

	it('says to check the API key on 401 and never shows it', async () => {
		sim.addBatchCall('batch_7', 'active');
		const result = await run({ operation: 'addContacts', batchCallId: 'batch_7' }, contacts({ phone: '+12127365000' }), { apiKey: 'wrong_key_123' });
		expect(result.error?.message).toContain('check the API key of the Truedy API credential');
		expect(JSON.stringify(result.error)).not.toContain('wrong_key_123');
		noSecrets(result);
	});

	it('with Continue On Fail, marks the contacts of a refused batch failed with the reason', async () => {
		sim.addBatchCall('batch_8', 'completed');
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_8', options: { maxRetries: 0 } },
			contacts({ phone: '+12127365000' }, { phone: '+12127365001' }),
			{ continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ failed: 2 });
		expect(result.output[0].json.reason).toContain('Batch call is completed; contacts cannot be added');
	});

	it('reads contacts from a CSV file and gives a summary', async () => {
		sim.addBatchCall('batch_9', 'draft');
		const csv = 'Phone Number,First Name,Email\n2127365000,Ann,ann@example.com\n2127365000,Dup,\nnope,Bad,\n';
		const result = await run(
			{ operation: 'addContacts', batchCallId: 'batch_9', contactSource: 'csv', options: { output: 'summary', defaultCountry: 'US' } },
			[csvItem(csv)],
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({ total: 3, sent: 1, duplicate: 1, invalid: 1 });
		expect(sim.batchCalls.get('batch_9')!.contacts).toEqual([
			{ phone_number: '+12127365000', first_name: 'Ann', last_name: null, email: 'ann@example.com', custom_fields: null },
		]);
	});
});

describe('Batch Call → Create', () => {
	const createParameters = (extra: Record<string, unknown> = {}) => ({
		operation: 'create',
		name: 'Q4 Follow-up',
		agentId: 'agt_f9447372',
		additionalFields: { schedule_type: 'immediate', timezone: 'America/New_York', working_days: [1, 2, 3], start_time: '09:00', end_time: '17:00' },
		...extra,
	});

	it('creates one batch call with the first batch inline (custom fields, idempotency key) and adds the rest', async () => {
		const result = await run(
			createParameters({ options: { batchSize: 2 } }),
			contacts(
				{ phone: '+12127365000', first_name: 'Ann', plan: 'gold' },
				{ phone: '+12127365001', first_name: 'Bob' },
				{ phone: '+12127365002', first_name: 'Cy', plan: 'silver' },
			),
		);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 3 });
		const [create] = sim.received('POST', /^\/batch-calls$/);
		expect(create.headers['x-idempotency-key']).toMatch(/^n8n-[0-9a-f]{64}$/);
		expect(create.body).toMatchObject({
			name: 'Q4 Follow-up',
			agent_id: 'agt_f9447372',
			contact_source: 'manual',
			schedule_type: 'immediate',
			timezone: 'America/New_York',
			working_days: [1, 2, 3],
			start_time: '09:00',
			end_time: '17:00',
			contacts: [
				{ phone_number: '+12127365000', first_name: 'Ann', custom_fields: { plan: 'gold' } },
				{ phone_number: '+12127365001', first_name: 'Bob' },
			],
		});
		expect(sim.batchCalls.size).toBe(1);
		const [batch] = sim.batchCalls.values();
		expect(batch.status).toBe('active');
		const adds = sim.received('POST', new RegExp(`^/batch-calls/${batch.id}/contacts$`));
		expect(adds).toHaveLength(1);
		expect(batch.contacts.map((c) => c.phone_number)).toEqual(['+12127365000', '+12127365001', '+12127365002']);
		expect(result.output[0].json.providerResponse).toMatchObject({ batch_call_id: batch.id, created: true, status: 'active' });
		expect(result.output[2].json.providerResponse).toMatchObject({ batch_call_id: batch.id, added_count: 1 });
	});

	it('never makes a second batch call when a create is retried or the workflow re-run', async () => {
		sim.loseCreateAnswers = 1;
		const items = contacts({ phone: '+12127365000' }, { phone: '+12127365001' });
		const first = await run(createParameters(), items);
		expect(first.error).toBeUndefined();
		const creates = sim.received('POST', /^\/batch-calls$/);
		expect(creates.map((r) => r.status)).toEqual([503, 201]);
		expect(creates[0].headers['x-idempotency-key']).toBe(creates[1].headers['x-idempotency-key']);
		expect(sim.batchCalls.size).toBe(1);

		const again = await run(createParameters(), items);
		expect(again.error).toBeUndefined();
		expect(sim.batchCalls.size).toBe(1);
		expect(again.output[0].json.providerResponse).toMatchObject({ batch_call_id: [...sim.batchCalls.keys()][0] });
	});

	it('re-sends the create without a contact the 422 names', async () => {
		sim.refusedNumbers.add('+12127365001');
		const result = await run(createParameters(), contacts({ phone: '+12127365000' }, { phone: '+12127365001' }));
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 1, invalid: 1 });
		expect(result.output[1].json.reason).toContain('phone_number');
		expect(sim.batchCalls.size).toBe(1);
		expect(sim.received('POST', /^\/batch-calls$/).map((r) => r.status)).toEqual([422, 201]);
	});

	it('refuses a scheduled create without Scheduled At before sending', async () => {
		const result = await run(createParameters({ additionalFields: { schedule_type: 'scheduled' } }), contacts({ phone: '+12127365000' }));
		expect(result.error?.message).toContain('Scheduled At is required');
		expect(sim.received('POST', /^\/batch-calls$/)).toHaveLength(0);
	});

	it('creates one batch call per item from a folder when contacts are not inline', async () => {
		const result = await run(
			createParameters({ contactsFrom: 'none', additionalFields: { contact_source: 'folder', contact_folder_id: 'folder_abc', schedule_type: 'scheduled', scheduled_at: '2099-01-01T09:00:00Z' } }),
			contacts({}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ status: 'scheduled', name: 'Q4 Follow-up' });
		expect(sim.received('POST', /^\/batch-calls$/)[0].body).toEqual({
			name: 'Q4 Follow-up',
			agent_id: 'agt_f9447372',
			contact_source: 'folder',
			contact_folder_id: 'folder_abc',
			schedule_type: 'scheduled',
			scheduled_at: '2099-01-01T09:00:00Z',
		});
	});

	it('names the agent Truedy does not know', async () => {
		const result = await run(createParameters({ agentId: 'agt_unknown' }), contacts({ phone: '+12127365000' }));
		expect(result.error?.message).toContain('Agent not found');
		expect(result.error?.message).toContain('agt_unknown');
	});
});

describe('Batch Call lifecycle', () => {
	it('updates a paused batch call with PATCH and refuses an active one clearly', async () => {
		sim.addBatchCall('batch_p', 'paused');
		sim.addBatchCall('batch_a', 'active');
		const ok = await run(
			{ operation: 'update', batchCallId: 'batch_p', updateFields: { name: 'Renamed', max_calls_per_day: 50, retry_failed: true } },
			contacts({}),
		);
		expect(ok.error).toBeUndefined();
		expect(sim.received('PATCH', /batch_p$/)[0].body).toEqual({ name: 'Renamed', max_calls_per_day: 50, retry_failed: true });
		expect(ok.output[0].json).toMatchObject({ batch_call_id: 'batch_p', name: 'Renamed', max_calls_per_day: 50 });

		const refused = await run({ operation: 'update', batchCallId: 'batch_a', updateFields: { name: 'X' } }, contacts({}));
		expect(refused.error?.message).toContain('invalid_status: Batch call is active; it can be edited only while draft, scheduled or paused');
	});

	it('starts a draft now without scheduled_at, schedules one with it, pauses and resumes', async () => {
		sim.addBatchCall('batch_d', 'draft');
		sim.addBatchCall('batch_s', 'draft');
		const start = await run({ operation: 'schedule', batchCallId: 'batch_d' }, contacts({}));
		expect(start.output[0].json).toMatchObject({ batch_call_id: 'batch_d', status: 'active' });
		expect(sim.received('POST', /batch_d\/schedule$/)[0].body).toEqual({});

		const later = await run({ operation: 'schedule', batchCallId: 'batch_s', scheduledAt: '2099-06-01T09:00:00Z', timezone: 'Europe/Paris' }, contacts({}));
		expect(later.output[0].json).toMatchObject({ status: 'scheduled', scheduled_at: '2099-06-01T09:00:00Z', timezone: 'Europe/Paris' });

		const pause = await run({ operation: 'pause', batchCallId: '={{ $json.id }}' }, contacts({ id: 'batch_d' }, { id: 'batch_s' }));
		expect(pause.output.map((item) => item.json.status)).toEqual(['paused', 'paused']);
		expect(pause.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const resume = await run({ operation: 'resume', batchCallId: '={{ $json.id }}' }, contacts({ id: 'batch_d' }, { id: 'batch_s' }));
		expect(resume.output.map((item) => item.json.status)).toEqual(['active', 'scheduled']);
	});

	it('reports a transition that does not fit the status, per item with Continue On Fail', async () => {
		sim.addBatchCall('batch_done', 'completed');
		sim.addBatchCall('batch_run', 'active');
		const result = await run(
			{ operation: 'resume', batchCallId: '={{ $json.id }}' },
			contacts({ id: 'batch_done' }, { id: 'batch_run' }),
			{ continueOnFail: true },
		);
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toContain('Batch call is completed; only a paused batch call can be resumed');
		expect(result.output[1].json.error).toContain('Batch call is active');

		const pause = await run({ operation: 'pause', batchCallId: 'batch_done' }, contacts({}));
		expect(pause.error?.message).toContain('only an active or scheduled batch call can be paused');
	});

	it('deletes many batch calls with one bulk-delete request per item', async () => {
		sim.addBatchCall('batch_x');
		sim.addBatchCall('batch_y');
		const result = await run({ operation: 'deleteMany', batchCallIds: 'batch_x, batch_y,batch_zz' }, contacts({}));
		expect(result.error).toBeUndefined();
		expect(sim.received('POST', /bulk-delete$/)[0].body).toEqual({ ids: ['batch_x', 'batch_y', 'batch_zz'] });
		expect(result.output[0].json).toEqual({ deleted_count: 2, failed_count: 1, deleted_ids: ['batch_x', 'batch_y'], failed_ids: ['batch_zz'] });
		expect(sim.batchCalls.size).toBe(0);
	});
});
