import { contacts, noSecrets, statuses, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;
const creates = () => truedy.sim.received('POST', /^\/batch-calls$/);

const createParameters = (extra: Record<string, unknown> = {}) => ({
	operation: 'create',
	name: 'Q4 Follow-up',
	agentId: 'agt_f9447372',
	additionalFields: { schedule_type: 'immediate', timezone: 'America/New_York', working_days: [1, 2, 3], start_time: '09:00', end_time: '17:00' },
	...extra,
});

describe('Truedy node: Batch Call', () => {
	describe('Create', () => {
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
			const [create] = creates();
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
			expect(truedy.sim.batchCalls.size).toBe(1);
			const [batch] = truedy.sim.batchCalls.values();
			expect(batch.status).toBe('active');
			const adds = truedy.sim.received('POST', new RegExp(`^/batch-calls/${batch.id}/contacts$`));
			expect(adds).toHaveLength(1);
			expect(batch.contacts.map((c) => c.phone_number)).toEqual(['+12127365000', '+12127365001', '+12127365002']);
			expect(result.output[0].json.providerResponse).toMatchObject({ batch_call_id: batch.id, created: true, status: 'active' });
			expect(result.output[2].json.providerResponse).toMatchObject({ batch_call_id: batch.id, added_count: 1 });
		});

		it('never makes a second batch call when a create is retried or the workflow re-run', async () => {
			truedy.sim.loseCreateAnswers = 1;
			const items = contacts({ phone: '+12127365000' }, { phone: '+12127365001' });
			const first = await run(createParameters(), items);
			expect(first.error).toBeUndefined();
			expect(statuses(first)).toEqual({ sent: 2 });
			expect(creates().map((r) => r.status)).toEqual([503, 201]);
			expect(creates()[0].headers['x-idempotency-key']).toBe(creates()[1].headers['x-idempotency-key']);
			expect(truedy.sim.batchCalls.size).toBe(1);

			const again = await run(createParameters(), items);
			expect(again.error).toBeUndefined();
			expect(truedy.sim.batchCalls.size).toBe(1);
			expect(again.output[0].json.providerResponse).toMatchObject({ batch_call_id: [...truedy.sim.batchCalls.keys()][0] });
		});

		it('re-sends the create without a contact the 422 names', async () => {
			truedy.sim.refusedNumbers.add('+12127365001');
			const result = await run(createParameters(), contacts({ phone: '+12127365000' }, { phone: '+12127365001' }));
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 1, invalid: 1 });
			expect(result.output[1].json.reason).toBe('rejected by Truedy: phone_number: Value error, not a dialable phone number');
			expect(truedy.sim.batchCalls.size).toBe(1);
			expect(creates().map((r) => r.status)).toEqual([422, 201]);
			expect([...truedy.sim.batchCalls.values()][0].contacts.map((c) => c.phone_number)).toEqual(['+12127365000']);
		});

		it('refuses a scheduled create without Scheduled At before sending', async () => {
			const result = await run(createParameters({ additionalFields: { schedule_type: 'scheduled' } }), contacts({ phone: '+12127365000' }));
			expect(result.error?.message).toBe('Scheduled At is required when Schedule Type is Scheduled');
			expect(creates()).toHaveLength(0);
		});

		it.each([
			[{ start_time: '9:00' }, 'Start Time must be HH:MM (24-hour), got "9:00"'],
			[{ end_time: '24:00' }, 'End Time must be HH:MM (24-hour), got "24:00"'],
			[{ scheduled_at: '2099-02-30T09:00:00Z' }, 'Scheduled At must be a date and time (ISO 8601), got "2099-02-30T09:00:00Z"'],
			[{ scheduled_at: '2099-01-01' }, 'Scheduled At must be a date and time (ISO 8601), got "2099-01-01"'],
			[{ timezone: 'Mars/Olympus' }, 'Timezone must be an IANA time zone such as America/New_York, got "Mars/Olympus"'],
			[{ max_calls_per_day: 0 }, 'Max Calls per Day must be a whole number of at least 1, got "0"'],
		])('refuses %j before sending, naming the field', async (fields, message) => {
			const result = await run(createParameters({ additionalFields: fields }), contacts({ phone: '+12127365000' }));
			expect(result.error?.message).toBe(message);
			expect(creates()).toHaveLength(0);
		});

		it('creates one batch call per item from a folder when contacts are not inline', async () => {
			const result = await run(
				createParameters({
					contactsFrom: 'none',
					additionalFields: { contact_source: 'folder', contact_folder_id: 'folder_abc', schedule_type: 'scheduled', scheduled_at: '2099-01-01T09:00:00Z' },
				}),
				contacts({}),
			);
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toMatchObject({ status: 'scheduled', name: 'Q4 Follow-up' });
			expect(creates()[0].body).toEqual({
				name: 'Q4 Follow-up',
				agent_id: 'agt_f9447372',
				contact_source: 'folder',
				contact_folder_id: 'folder_abc',
				schedule_type: 'scheduled',
				scheduled_at: '2099-01-01T09:00:00Z',
			});
			expect(truedy.sim.batchCalls.size).toBe(1);
		});

		it('without inline contacts, an unreadable 2xx is an error, not a successful item', async () => {
			truedy.sim.injectFaults([{ kind: 'replaceAnswer', status: 201, rawBody: '{"data": {"id": "batch_0' }], /^\/batch-calls$/);
			const result = await run(createParameters({ contactsFrom: 'none', additionalFields: { contact_ids: 'ctc_a, ctc_b' } }), contacts({}));
			expect(result.output).toEqual([]);
			expect(result.error?.message).toBe('Truedy answered HTTP 201 with "{"data": {"id": "batch_0", which could not be read');
			expect(result.error?.description).toBe('The request may have succeeded; check in Truedy before running it again.');
		});

		it('names the agent Truedy does not know', async () => {
			const result = await run(createParameters({ agentId: 'agt_unknown' }), contacts({ phone: '+12127365000' }));
			expect(result.error?.message).toBe(
				'Truedy refused the request (HTTP 404): not_found: Agent not found ({"resource":"agent","id":"agt_unknown"})',
			);
			noSecrets(result);
			const none = await run(createParameters({ agentId: 'agt_unknown', contactsFrom: 'none' }), contacts({}));
			expect(none.error?.description).toBe('Check the Agent ID: Truedy has no agent "agt_unknown" on this account.');
		});

		it('with Continue On Fail, a refused create fails its batch and the later batches are not sent to a batch call that does not exist', async () => {
			const result = await run(
				createParameters({ agentId: 'agt_unknown', options: { batchSize: 1 } }),
				contacts({ phone: '+12127365000' }, { phone: '+12127365001' }),
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ failed: 2 });
			expect(result.output[1].json.reason).toBe(
				'batch 2 of 2 was not accepted: Not sent: the batch call of this upload was not created (Truedy refused the request (HTTP 404): not_found: Agent not found ({"resource":"agent","id":"agt_unknown"}))',
			);
			expect(creates()).toHaveLength(1);
			expect(truedy.sim.batchCalls.size).toBe(0);
		});

		describe('a 2xx is believed only as far as it confirms', () => {
			const phones = ['+12127365000', '+12127365001', '+12127365002'];
			const answers: Array<[string, { status: number; rawBody: string }]> = [
				['200 {}', { status: 200, rawBody: '{}' }],
				['200 "OK"', { status: 200, rawBody: 'OK' }],
				['a truncated JSON body', { status: 201, rawBody: '{"data": {"id": "batch_0' }],
				['201 {}', { status: 201, rawBody: '{}' }],
				['204', { status: 204, rawBody: '' }],
			];
			test.each(answers)('%s: the create is sent again with the same key and confirmed by the batch call Truedy kept', async (_, answer) => {
				truedy.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /^\/batch-calls$/);
				const result = await run(createParameters({ options: { output: 'summary' } }), contacts(...phones.map((phone) => ({ phone }))));
				expect(result.error).toBeUndefined();
				expect(result.output[0].json).toMatchObject({ total: 3, sent: 3, unconfirmed: 0 });
				expect(creates()).toHaveLength(2);
				expect(creates()[0].headers['x-idempotency-key']).toBe(creates()[1].headers['x-idempotency-key']);
				expect(truedy.sim.batchCalls.size).toBe(1);
				expect([...truedy.sim.batchCalls.values()][0].contacts.map((c) => c.phone_number)).toEqual(phones);
			});

			test('an unreadable answer twice: the contacts are unconfirmed and the next batch is not sent to an unknown batch call', async () => {
				const fault = { kind: 'replaceAnswer' as const, status: 200, rawBody: 'OK' };
				truedy.sim.injectFaults([fault, fault], /^\/batch-calls$/);
				const result = await run(
					createParameters({ options: { batchSize: 2 } }),
					contacts(...phones.map((phone) => ({ phone }))),
					{ continueOnFail: true },
				);
				expect(result.output.map((item) => item.json.status)).toEqual(['unconfirmed', 'unconfirmed', 'failed']);
				expect(result.output[0].json.reason).toBe(
					'Truedy answered HTTP 200 with "OK" instead of a confirmation (batch 1 of 2); it may or may not have stored them',
				);
				expect(result.output[2].json.reason).toBe(
					"batch 2 of 2 was not accepted: Not sent: the batch call of this upload was not created (Truedy's answer to the create did not give the batch call's ID)",
				);
				expect(truedy.sim.batchCalls.size).toBe(1);
				expect([...truedy.sim.batchCalls.values()][0].contacts.map((c) => c.phone_number)).toEqual(phones.slice(0, 2));
			});

			const unattributed: Array<[string, Record<string, unknown>, string]> = [
				['fewer total_contacts than sent', {}, '{"data": {"id": "batch_000001", "total_contacts": 2}}'],
				['total_contacts with Contact IDs as well (it counts those too)', { additionalFields: { contact_ids: 'ctc_a' } }, ''],
			];
			test.each(unattributed)('%s: the batch is sent again to the batch call it named, which counts them not added: unconfirmed', async (_, extra, rawBody) => {
				if (rawBody) truedy.sim.injectFaults([{ kind: 'replaceAnswer', status: 201, rawBody }], /^\/batch-calls$/);
				const result = await run(createParameters(extra), contacts(...phones.map((phone) => ({ phone }))));
				expect(statuses(result)).toEqual({ unconfirmed: 3 });
				expect(result.output[0].json.reason).toBe(
					'Truedy confirmed 0 of these 3 contacts (batch 1 of 1) without naming which: {"batch_call_id":"batch_000001","added_count":0,"failed_count":3}',
				);
				expect(creates()).toHaveLength(1);
				expect(truedy.sim.received('POST', /^\/batch-calls\/batch_000001\/contacts$/)).toHaveLength(1);
				expect(truedy.sim.batchCalls.get('batch_000001')!.contacts.map((c) => c.phone_number)).toEqual(phones);
			});
		});
	});
});
