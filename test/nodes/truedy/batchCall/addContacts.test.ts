import { TRUEDY_KEY } from '../../../simulators/truedy';
import { csvItem } from '../../../support/engine';
import { WEBHOOK_SECRET, contacts, noSecrets, statuses, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;
const stored = (id: string) => truedy.sim.batchCalls.get(id)!.contacts.map((contact) => contact.phone_number);
const contactRequests = () => truedy.sim.received('POST', /\/contacts$/);

describe('Truedy node: Batch Call', () => {
	describe('Add Contacts', () => {
		it('normalizes, dedupes, suppresses and sends only the documented fields, in batches', async () => {
			truedy.sim.addBatchCall('batch_1', 'active');
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

			const requests = truedy.sim.received('POST', /^\/batch-calls\/batch_1\/contacts$/);
			expect(requests.map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([2, 1]);
			expect(requests[0].headers.authorization).toBe(`Bearer ${TRUEDY_KEY}`);
			expect((requests[0].body as { contacts: unknown[] }).contacts[0]).toEqual({
				phone_number: '+12127365000',
				first_name: 'Ann',
				last_name: 'Lee',
				email: 'ann@example.com',
			});
			expect(stored('batch_1')).toEqual(['+12127365000', '+12127365001', '+442079460000']);
			expect(result.output[0].json.providerResponse).toMatchObject({ batch_call_id: 'batch_1', added_count: 2, failed_count: 0 });
			noSecrets(result);
		});

		it('reads a local number in the Default Country option\'s default (US) when the option is not set', async () => {
			truedy.sim.addBatchCall('batch_0', 'active');
			const result = await run({ operation: 'addContacts', batchCallId: 'batch_0' }, contacts({ phone: '212-736-5000' }, { phone: '+12127365001' }));
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toMatchObject({ status: 'sent', phone: '+12127365000', rawPhone: '212-736-5000' });
			expect(result.output[1].json).toMatchObject({ status: 'sent' });
			expect(stored('batch_0')).toEqual(['+12127365000', '+12127365001']);
		});

		it('reads the summary-shaped answer and names contacts Truedy skipped as already in the batch call', async () => {
			truedy.sim.addContactsShape = 'summary';
			const batch = truedy.sim.addBatchCall('batch_2', 'paused');
			batch.contacts.push({ phone_number: '+12127365000', first_name: null, last_name: null, email: null, custom_fields: null });
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_2', options: { batchSize: 1 } },
				contacts({ phone: '+12127365000' }, { phone: '+12127365001' }),
			);
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toMatchObject({ status: 'duplicate', reason: 'Truedy skipped it: the number is already in the batch call' });
			expect(result.output[1].json).toMatchObject({ status: 'sent', reason: 'accepted by Truedy in batch 2 of 2' });
			expect(result.output[1].json.providerResponse).toMatchObject({ added: 1, duplicates_skipped: 0, invalid_skipped: 0, total_contacts: 2 });
			expect(stored('batch_2')).toEqual(['+12127365000', '+12127365001']);
		});

		it('marks the contact a 422 names (loc body.contacts[i].phone_number) invalid and re-sends the rest', async () => {
			truedy.sim.addBatchCall('batch_3', 'active');
			truedy.sim.refusedNumbers.add('+12127365001');
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_3' },
				contacts({ phone: '+12127365000' }, { phone: '+12127365001', first_name: 'Bad' }, { phone: '+12127365002' }),
			);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 2, invalid: 1 });
			expect(result.output[1].json.reason).toBe('rejected by Truedy: phone_number: Value error, not a dialable phone number');
			const requests = contactRequests();
			expect(requests.map((r) => r.status)).toEqual([422, 200]);
			expect((requests[1].body as { contacts: Array<{ phone_number: string }> }).contacts.map((c) => c.phone_number)).toEqual([
				'+12127365000',
				'+12127365002',
			]);
			expect(stored('batch_3')).toEqual(['+12127365000', '+12127365002']);
		});

		it('waits until error.details.reset_at after a 429 (no Retry-After) and then succeeds', async () => {
			truedy.sim.rateLimit = 2;
			truedy.sim.rateWindowMs = 1200;
			truedy.sim.addBatchCall('batch_4', 'active');
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_4', options: { batchSize: 1, rateLimit: 0 } },
				contacts({ phone: '+12127365000' }, { phone: '+12127365001' }, { phone: '+12127365002' }),
			);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 3 });
			const limited = truedy.sim.arrivals.findIndex((arrival) => arrival.limited);
			expect(limited).toBe(2);
			expect(truedy.sim.requests.find((r) => r.status === 429)?.headers['retry-after']).toBeUndefined();
			const retry = truedy.sim.arrivals[limited + 1];
			expect(retry.limited).toBe(false);
			expect(retry.at).toBeGreaterThanOrEqual(truedy.sim.arrivals[limited].resetAt!);
		});

		it('paces requests with the rate limiter so that Truedy never answers 429', async () => {
			truedy.sim.rateLimit = 3;
			truedy.sim.rateWindowMs = 1000;
			truedy.sim.addBatchCall('batch_5', 'active');
			const rows = Array.from({ length: 8 }, (_, i) => ({ phone: `+1212736${String(5000 + i)}` }));
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_5', options: { batchSize: 1, rateLimit: 3, rateLimitWindow: 1 } },
				contacts(...rows),
			);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 8 });
			expect(contactRequests()).toHaveLength(8);
			expect(truedy.sim.rateLimited).toBe(0);
		});

		it('offers the documented rate limit (100 a minute) and no option copies of its own', async () => {
			const { description } = await import('../../../../nodes/Truedy/actions/batchCall/addContacts.operation');
			const options = description.find((property) => property.name === 'options')?.options as Array<{ name: string; default: unknown }>;
			const names = options.map((option) => option.name);
			expect(options.find((option) => option.name === 'rateLimit')?.default).toBe(100);
			expect(options.find((option) => option.name === 'rateLimitWindow')?.default).toBe(60);
			expect(names.filter((name) => name === 'maxRetries' || name === 'rateLimit')).toEqual(['maxRetries', 'rateLimit']);
			expect(options.find((option) => option.name === 'defaultCountry')?.default).toBe('US');
		});

		it('retries a dropped connection and a 503, then sends', async () => {
			truedy.sim.addBatchCall('batch_6', 'active');
			truedy.sim.injectFaults([{ kind: 'drop' }, { kind: 'status', status: 503, headers: { 'retry-after': '0' } }]);
			const result = await run({ operation: 'addContacts', batchCallId: 'batch_6' }, contacts({ phone: '+12127365000' }));
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 1 });
			expect(contactRequests().map((r) => r.status)).toEqual([0, 503, 200]);
			expect(stored('batch_6')).toEqual(['+12127365000']);
		});

		it('reports an unknown batch call with the envelope text and what to do, without secrets', async () => {
			const result = await run({ operation: 'addContacts', batchCallId: 'batch_missing' }, contacts({ phone: '+12127365000' }));
			expect(result.error?.message).toBe(
				'Truedy refused the request (HTTP 404): not_found: Batch call not found ({"resource":"batch_call","id":"batch_missing"})',
			);
			expect(result.error?.description).toBe("Check the ID Truedy's message names: it is not on this Truedy account.");
			noSecrets(result);
		});

		it('says to check the API key on 401, once, and never shows it', async () => {
			truedy.sim.addBatchCall('batch_7', 'active');
			const result = await run({ operation: 'addContacts', batchCallId: 'batch_7' }, contacts({ phone: '+12127365000' }), { apiKey: 'wrong_key_123' });
			expect(result.error?.message).toBe('Truedy refused the API key (HTTP 401): unauthorized: Invalid or missing API key');
			expect(result.error?.description).toBe('Check the API Key of the Truedy API credential: it must be an active Truedy key.');
			expect(JSON.stringify(result.error)).not.toContain('wrong_key_123');
			noSecrets(result);
		});

		it('with Continue On Fail, marks the contacts of a refused batch failed with the reason', async () => {
			truedy.sim.addBatchCall('batch_8', 'completed');
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_8', options: { maxRetries: 0 } },
				contacts({ phone: '+12127365000' }, { phone: '+12127365001' }),
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ failed: 2 });
			expect(result.output[0].json.reason).toBe(
				'batch 1 of 1 was not accepted: Truedy refused the request (HTTP 400): invalid_status: Batch call is completed; contacts cannot be added to an ended batch call ({"status":"completed"})',
			);
			expect(stored('batch_8')).toEqual([]);
		});

		it('reads contacts from a CSV file and gives a summary', async () => {
			truedy.sim.addBatchCall('batch_9', 'draft');
			const csv = 'Phone Number,First Name,Email\n2127365000,Ann,ann@example.com\n2127365000,Dup,\nnope,Bad,\n';
			const result = await run(
				{ operation: 'addContacts', batchCallId: 'batch_9', contactSource: 'csv', options: { output: 'summary', defaultCountry: 'US' } },
				[csvItem(csv)],
			);
			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(1);
			expect(result.output[0].json).toMatchObject({ total: 3, sent: 1, duplicate: 1, invalid: 1 });
			expect(truedy.sim.batchCalls.get('batch_9')!.contacts).toEqual([
				{ phone_number: '+12127365000', first_name: 'Ann', last_name: null, email: 'ann@example.com', custom_fields: null },
			]);
		});

		it('refuses an empty Batch Call ID before sending, naming the item', async () => {
			const result = await run({ operation: 'addContacts', batchCallId: '  ' }, contacts({ phone: '+12127365000' }));
			expect(result.error?.message).toBe('Batch Call ID is empty (item 0)');
			expect(truedy.sim.requests).toHaveLength(0);
		});

		it('refuses a Batch Call ID of 0 or with spaces or slashes before sending, here and in Pause', async () => {
			const zero = await run({ operation: 'addContacts', batchCallId: '0' }, contacts({ phone: '+12127365000' }));
			expect(zero.error?.message).toBe('Batch Call ID is empty (item 0)');
			const malformed = await run({ operation: 'pause', batchCallId: 'batch 12/contacts' }, contacts({}));
			expect(malformed.error?.message).toBe('Batch Call ID "batch 12/contacts" is not a batch call ID (item 0)');
			expect(truedy.sim.requests).toHaveLength(0);
		});

		describe('a 2xx is believed only as far as it confirms', () => {
			const phones = ['+12127365000', '+12127365001', '+12127365002'];
			const unreadable = (answer: string) => `Truedy answered HTTP ${answer} instead of a confirmation (batch 1 of 1); it may or may not have stored them`;
			// Each answer stands in for the first send only; Truedy de-duplicates, so the batch is sent once more.
			const answers: Array<[string, { status: number; rawBody: string }]> = [
				['200 {}', { status: 200, rawBody: '{}' }],
				['200 "OK"', { status: 200, rawBody: 'OK' }],
				['a truncated JSON body', { status: 200, rawBody: '{"data": {"added_cou' }],
				['201 {}', { status: 201, rawBody: '{}' }],
				['204', { status: 204, rawBody: '' }],
				['fewer added_count than sent', { status: 200, rawBody: '{"data": {"added_count": 2, "failed_count": 0}}' }],
				['fewer added than sent', { status: 200, rawBody: '{"data": {"added": 1, "duplicates_skipped": 0, "invalid_skipped": 0}}' }],
			];

			test.each(answers)('%s, then a re-send that Truedy answers with counts: unconfirmed, never sent, stored once', async (_, answer) => {
				truedy.sim.addBatchCall('batch_c', 'active');
				truedy.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /contacts$/);
				const result = await run({ operation: 'addContacts', batchCallId: 'batch_c' }, contacts(...phones.map((phone) => ({ phone }))));
				expect(result.error).toBeUndefined();
				expect(result.output).toHaveLength(3);
				expect(statuses(result)).toEqual({ unconfirmed: 3 });
				// The re-send's answer counts all three as not added (they are already there) and names none.
				expect(result.output[0].json.reason).toBe(
					'Truedy confirmed 0 of these 3 contacts (batch 1 of 1) without naming which: {"batch_call_id":"batch_c","added_count":0,"failed_count":3}',
				);
				expect(result.hints?.[0]?.message).toMatch(/^3 contact\(s\) are "unconfirmed"/);
				expect(contactRequests()).toHaveLength(2);
				expect(stored('batch_c')).toEqual(phones);
			});

			test.each(answers)('%s, then a re-send that Truedy answers with duplicates_skipped: sent, confirmed by the re-send', async (_, answer) => {
				truedy.sim.addContactsShape = 'summary';
				truedy.sim.addBatchCall('batch_s', 'active');
				truedy.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /contacts$/);
				const result = await run(
					{ operation: 'addContacts', batchCallId: 'batch_s', options: { output: 'summary' } },
					contacts(...phones.map((phone) => ({ phone }))),
				);
				expect(result.error).toBeUndefined();
				expect(result.output[0].json).toMatchObject({ total: 3, sent: 3, unconfirmed: 0, failed: 0 });
				expect(contactRequests()).toHaveLength(2);
				expect(stored('batch_s')).toEqual(phones);
			});

			test('an unreadable answer to the re-send too: unconfirmed with the answer quoted', async () => {
				truedy.sim.addBatchCall('batch_u', 'active');
				truedy.sim.injectFaults([{ kind: 'replaceAnswer', status: 200, rawBody: 'OK' }, { kind: 'replaceAnswer', status: 200, rawBody: 'OK' }], /contacts$/);
				const result = await run({ operation: 'addContacts', batchCallId: 'batch_u' }, contacts(...phones.map((phone) => ({ phone }))));
				expect(statuses(result)).toEqual({ unconfirmed: 3 });
				expect(result.output[2].json.reason).toBe(unreadable('200 with "OK"'));
				expect(contactRequests()).toHaveLength(2);
				expect(stored('batch_u')).toEqual(phones);
			});

			test('a lost answer is retried; Truedy keeps one copy', async () => {
				truedy.sim.addBatchCall('batch_l', 'active');
				truedy.sim.injectFaults([{ kind: 'dropAfterWork' }], /contacts$/);
				const result = await run({ operation: 'addContacts', batchCallId: 'batch_l' }, contacts(...phones.map((phone) => ({ phone }))));
				expect(result.error).toBeUndefined();
				expect(result.output).toHaveLength(3);
				expect(statuses(result)).toEqual({ unconfirmed: 3 });
				// The transport retries the lost request; its answer counts three not added, so the batch is sent once more.
				expect(contactRequests().map((request) => request.status)).toEqual([0, 200, 200]);
				expect(stored('batch_l')).toEqual(phones);
			});
		});

		test('an API key echoed back by Truedy appears nowhere: output, error (cause and body included), reasons', async () => {
			truedy.sim.addBatchCall('batch_k', 'active');
			const echo = { error: { code: 'bad_request', message: `invalid token ${TRUEDY_KEY}`, details: { token: TRUEDY_KEY, secret: WEBHOOK_SECRET } } };
			truedy.sim.injectFaults([{ kind: 'status', status: 400, body: echo }, { kind: 'status', status: 400, body: echo }], /contacts$/);
			const failed = await run({ operation: 'addContacts', batchCallId: 'batch_k' }, contacts({ phone: '+12127365000' }));
			expect(failed.error?.message).toBe(
				'Truedy refused the request (HTTP 400): bad_request: invalid token [redacted] ({"token":"[redacted]","secret":"[redacted]"})',
			);
			noSecrets(failed);
			const continued = await run({ operation: 'addContacts', batchCallId: 'batch_k' }, contacts({ phone: '+12127365000' }), { continueOnFail: true });
			expect(continued.output[0].json).toMatchObject({ status: 'failed', reason: expect.stringContaining('invalid token [redacted]') });
			noSecrets(continued);
		});
	});
});
