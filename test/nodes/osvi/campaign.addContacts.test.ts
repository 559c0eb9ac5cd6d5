import type { IDataObject } from 'n8n-workflow';

import { csvItem } from '../../support/engine';
import {
	AGENT,
	CAMPAIGN,
	OSVI_TOKEN,
	contactRequests,
	expectNoSecret,
	json,
	mobiles,
	osvi,
	sim,
	statuses,
	useOsviSimulator,
} from './harness';

useOsviSimulator();

describe('OSVI → Campaign → Add Contacts', () => {
	test("input items: normalized, deduped by OSVI's rule, variables as strings, one result per contact", async () => {
		const result = await osvi({}, [
			{ json: { name: 'Ravi', phone: '9876543210', plan: 'Pro', seats: 3 } },
			{
				json: { name: 'Anita Desai', phone: '+91 98765 00000', renewal: null },
			},
			{ json: { name: 'Ravi Kumar', phone: '09876543210', plan: 'Pro' } },
			{ json: { name: 'Sam', phone: '+1 415 555 0101' } },
			{ json: { name: 'Nobody', phone: '' } },
		]);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual(['duplicate', 'sent', 'sent', 'invalid', 'invalid']);
		expect(json(result)[0]).toMatchObject({
			reason: "same phone number +919876543210 as item 2, which was kept (OSVI's rule)",
			duplicateOf: { itemIndex: 2, row: null, phone: '+919876543210' },
			batch: null,
		});
		expect(json(result)[2]).toMatchObject({
			phone: '+919876543210',
			rawPhone: '09876543210',
			batch: 1,
			person_name: 'Ravi Kumar',
		});
		// The person first and short rows: n8n's table shows the name in the first column, nothing nested.
		expect(Object.keys(json(result)[2]).slice(0, 4)).toEqual(['person_name', 'status', 'reason', 'phone']);
		expect(json(result)[2].contact).toBeUndefined();
		// The batch's answer is kept once, on the batch's first contact.
		expect(json(result)[1].providerResponse).toEqual({
			contacts_received: 2,
			contacts_accepted: 2,
			duplicates_removed: 0,
			enqueued: false,
			campaign_upload_id: expect.any(Number),
		});
		expect(json(result)[2].providerResponse).toBeUndefined();
		expect(json(result)[3].reason).toMatch(/not an Indian mobile/);
		expect(json(result)[4].reason).toBe('no phone number');
		expect(result.output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));

		const [request] = contactRequests();
		expect(request.headers['api-token']).toBe(OSVI_TOKEN);
		expect(request.body).toEqual({
			agent_uuid: AGENT,
			enqueue: false,
			contacts: [
				{ person_name: 'Anita Desai', phone: '+919876500000' },
				{ person_name: 'Ravi Kumar', phone: '+919876543210', plan: 'Pro' },
			],
		});
		expect(sim.storedContacts(CAMPAIGN)).toHaveLength(2);
		expectNoSecret(result);
	});

	test('a CSV file in a binary property: BOM, quotes, first/last name, row numbers', async () => {
		const csv =
			'\uFEFFFirst Name,Last Name,Mobile,Plan,Note\r\n' +
			'Ravi,Kumar,98765 43210,Pro,"likes calls, mornings"\r\n' +
			'\r\n' +
			'Anita,Desai,919876500000,Basic,\r\n' +
			'R,,+919876543210,Pro,dup with shorter name\r\n' +
			'Bad,Number,12345,Pro,\r\n';
		const result = await osvi({ contactSource: 'csv' }, [csvItem(csv)]);
		expect(result.error).toBeUndefined();
		// Rows are the file's data rows (header = row 0); the blank line is row 2, reported, not skipped.
		expect(json(result).map((item) => [item.row, item.status])).toEqual([
			[1, 'sent'],
			[2, 'invalid'],
			[3, 'sent'],
			[4, 'duplicate'],
			[5, 'invalid'],
		]);
		expect(json(result)[1].reason).toBe('empty row');
		expect(json(result)[3].reason).toBe("same phone number +919876543210 as row 1, which was kept (OSVI's rule)");
		expect(json(result)[4].reason).toMatch(/"12345" is too short/);
		expect(contactRequests()[0].body).toMatchObject({
			contacts: [
				{
					person_name: 'Ravi Kumar',
					phone: '+919876543210',
					Plan: 'Pro',
					Note: 'likes calls, mornings',
					'First Name': 'Ravi',
					'Last Name': 'Kumar',
				},
				{ person_name: 'Anita Desai', phone: '+919876500000', Plan: 'Basic' },
			],
		});
		expect(result.output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('25,001 contacts are cut into requests of at most 10,000, and every contact is accounted for', async () => {
		const phones = mobiles(25_001);
		const items = phones.map((phone, i) => ({
			json: { name: `Person ${i}`, phone },
		}));
		const result = await osvi({}, items);
		expect(result.error).toBeUndefined();
		expect(contactRequests().map((request) => (request.body as { contacts: unknown[] }).contacts.length)).toEqual([10_000, 10_000, 5_001]);
		expect(result.output).toHaveLength(25_001);
		expect(new Set(statuses(result))).toEqual(new Set(['sent']));
		expect(json(result)[24_999]).toMatchObject({
			batch: 3,
			reason: 'accepted by OSVI in batch 3 of 3',
		});
		expect(sim.storedContacts(CAMPAIGN)).toHaveLength(25_001);
	});

	test("Batch Size option is honoured and capped at OSVI's limit", async () => {
		const items = mobiles(5).map((phone, i) => ({
			json: { name: `P${i}`, phone },
		}));
		await osvi({ options: { batchSize: 2 } }, items);
		expect(contactRequests().map((request) => (request.body as { contacts: unknown[] }).contacts.length)).toEqual([2, 2, 1]);
	});

	test("Enqueue: contacts on the agent's DND list come back suppressed, the rest sent", async () => {
		sim.agents.get(AGENT)!.dnd.set('+919876500000', {
			id: 1,
			phone: '+919876500000',
			reason: 'opt-out',
			created_at: '',
		});
		const result = await osvi({ enqueue: true }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
			{ json: { name: 'Anita', phone: '9876500000' } },
		]);
		expect(statuses(result)).toEqual(['sent', 'suppressed']);
		expect(json(result)[1].reason).toMatch(/not enqueued: on OSVI's DND list/);
		expect(json(result)[0].providerResponse).toMatchObject({
			enqueued: true,
			queued_calls: 1,
			dnd_skipped: 1,
		});
		expect(contactRequests()[0].body).toMatchObject({ enqueue: true });
	});

	test('Enqueue without an outbound trunk: 422 becomes an error that says what to do', async () => {
		sim.addAgent('agent_no_trunk', false);
		const result = await osvi({ enqueue: true, agentUuid: 'agent_no_trunk' }, [{ json: { name: 'Ravi', phone: '9876543210' } }]);
		expect(result.output).toEqual([]);
		expect(result.error?.message).toBe(
			'OSVI refused the request (HTTP 422): No outbound SIP configuration found for this agent. Please configure an outbound trunk before enqueueing contacts.',
		);
		expect(result.error?.description).toBe('Configure an outbound trunk for the agent in OSVI, or send without Enqueue.');
	});

	test('unknown campaign and wrong token name the problem without leaking the token', async () => {
		const missing = await osvi({ campaignId: 7 }, [{ json: { name: 'Ravi', phone: '9876543210' } }]);
		expect(missing.error?.message).toBe('OSVI refused the request (HTTP 404): campaign_not_found');
		expect(missing.error?.description).toBe('Check the ID: OSVI has no such campaign or agent on this account.');
		const unauthorized = await osvi({}, [{ json: { name: 'Ravi', phone: '9876543210' } }], { token: 'wrong_token_1234' });
		// An authentication failure says so once, names the field to check, and blames no batch.
		expect(unauthorized.error?.message).toBe('OSVI refused the API key (HTTP 401): Invalid API token');
		expect(unauthorized.error?.description).toBe('Check the API Token of the OSVI API credential: it must be an active OSVI key.');
		expect(JSON.stringify(unauthorized.error)).not.toContain('wrong_token_1234');
		expectNoSecret(missing);
	});

	test('retries 429 (Retry-After) and 503, which OSVI did not act on, then succeeds', async () => {
		sim.injectFaults(
			[
				{
					kind: 'status',
					status: 429,
					headers: { 'retry-after': '1' },
					body: { success: false, error: 'rate limited' },
				},
				{ kind: 'status', status: 503 },
			],
			/contacts$/,
		);
		const result = await osvi({}, [{ json: { name: 'Ravi', phone: '9876543210' } }]);
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual(['sent']);
		expect(contactRequests().map((request) => request.status)).toEqual([429, 503, 201]);
		expect(sim.storedContacts(CAMPAIGN)).toHaveLength(1);
	});

	test('a lost answer is not re-sent (OSVI would store the contacts twice): the batch is unconfirmed', async () => {
		sim.injectFaults([{ kind: 'dropAfterWork' }], /contacts$/);
		const items = mobiles(2).map((phone, i) => ({
			json: { name: `P${i}`, phone },
		}));
		const result = await osvi({}, items, { continueOnFail: true });
		expect(statuses(result)).toEqual(['unconfirmed', 'unconfirmed']);
		expect(json(result)[0].reason).toMatch(
			/^batch 1 of 1 may have been stored by OSVI, which did not confirm it: OSVI did not answer: the connection was closed before an answer came$/,
		);
		expect(contactRequests()).toHaveLength(1);
		expect(sim.storedContacts(CAMPAIGN)).toHaveLength(2);

		sim.injectFaults([{ kind: 'dropAfterWork' }], /contacts$/);
		const stopped = await osvi({}, items.slice(0, 1));
		expect(stopped.error?.message).toBe('OSVI did not answer: the connection was closed before an answer came');
		expect(stopped.error?.description).toMatch(/Batch 1 may have been stored: check the campaign before running again\.$/);
	});

	test('a batch that still fails after the retries stops the node and says what was already accepted', async () => {
		const items = mobiles(3).map((phone, i) => ({
			json: { name: `P${i}`, phone },
		}));
		const twice503 = [
			{ kind: 'status' as const, status: 503 },
			{ kind: 'status' as const, status: 503 },
		];
		sim.injectFaults(twice503, /contacts$/);
		const first = await osvi({ options: { batchSize: 2, maxRetries: 1 } }, items);
		expect(first.error?.message).toBe('OSVI refused the request (HTTP 503): injected fault');
		expect(first.error?.description).toBe(
			'OSVI had a server problem; try again later. (HTTP 503 after 2 attempts) Not sent: batch 2 (1 contact).',
		);

		sim.requests.length = 0;
		sim.injectFaults(twice503, /contacts$/, 1);
		const second = await osvi({ options: { batchSize: 2, maxRetries: 1 } }, items);
		expect(second.error?.message).toBe('OSVI refused the request (HTTP 503): injected fault');
		expect(second.error?.description).toBe(
			'OSVI had a server problem; try again later. (HTTP 503 after 2 attempts) 2 contacts of this upload were confirmed before it stopped.',
		);
		expect(contactRequests().map((request) => request.status)).toEqual([201, 503, 503]);
	});

	test('Continue On Fail: a refused batch is failed, a 500 (which OSVI may have acted on) unconfirmed, the next batches still sent', async () => {
		const items = mobiles(7).map((phone, i) => ({
			json: { name: `P${i}`, phone },
		}));
		sim.injectFaults(
			[
				{ kind: 'status', status: 500 },
				{
					kind: 'status',
					status: 409,
					body: { success: false, error: 'busy' },
				},
			],
			/contacts$/,
			1,
		);
		const result = await osvi({ options: { batchSize: 2, maxRetries: 1 } }, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual(['sent', 'sent', 'unconfirmed', 'unconfirmed', 'failed', 'failed', 'sent']);
		expect(json(result)[2].reason).toBe(
			'batch 2 of 4 may have been stored by OSVI, which did not confirm it: OSVI refused the request (HTTP 500): injected fault',
		);
		expect(json(result)[4].reason).toBe('batch 3 of 4 was not accepted: OSVI refused the request (HTTP 409): busy');
		expect(contactRequests().map((request) => request.status)).toEqual([201, 500, 409, 201]);
		expect(sim.storedContacts(CAMPAIGN)).toHaveLength(3);
	});

	describe('a 2xx is believed only as far as it confirms', () => {
		const unreadable = (answer: string) =>
			`OSVI answered HTTP ${answer} instead of a confirmation (batch 1 of 1); it may or may not have stored them`;
		const answers: Array<[string, { status: number; rawBody: string }, string]> = [
			['200 {}', { status: 200, rawBody: '{}' }, "OSVI's answer (batch 1 of 1) does not say whether they were stored: {}"],
			['200 "OK"', { status: 200, rawBody: 'OK' }, unreadable('200 with "OK"')],
			[
				'a truncated JSON body',
				{ status: 201, rawBody: '{"success": true, "data": {"contacts_acc' },
				unreadable('201 with "{"success": true, "data": {"contacts_acc"'),
			],
			['201 {}', { status: 201, rawBody: '{}' }, "OSVI's answer (batch 1 of 1) does not say whether they were stored: {}"],
			['204', { status: 204, rawBody: '' }, unreadable('204 with an empty answer')],
			[
				'fewer contacts_accepted than sent',
				{
					status: 201,
					rawBody: '{"success": true, "data": {"contacts_received": 3, "contacts_accepted": 2}}',
				},
				'OSVI confirmed 2 of these 3 contacts (batch 1 of 1) without naming which: {"contacts_received":3,"contacts_accepted":2}',
			],
		];
		test.each(answers)('%s: every contact unconfirmed with the answer quoted, never sent, never re-sent', async (_, answer, reason) => {
			sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /contacts$/);
			const items = mobiles(3).map((phone, i) => ({
				json: { name: `P${i}`, phone },
			}));
			const result = await osvi({}, items);
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
			expect(json(result)[0].reason).toBe(reason);
			expect(result.hints?.[0]?.message).toMatch(/^3 contact\(s\) are "unconfirmed"/);
			expect(contactRequests()).toHaveLength(1);
			// What the simulator really stored: the contacts are there, which is why "failed" would be wrong too.
			expect(sim.storedContacts(CAMPAIGN)).toHaveLength(3);

			const summary = await osvi({ options: { output: 'summary' } }, items.slice(0, 1));
			expect(summary.output[0].json).toMatchObject({
				total: 1,
				sent: 1,
				unconfirmed: 0,
			});
		});
	});

	test('an API key echoed back by OSVI appears nowhere: output, error (cause and body included), reasons', async () => {
		const echo = {
			success: false,
			error: `invalid token ${OSVI_TOKEN}`,
			details: { token: OSVI_TOKEN },
		};
		sim.injectFaults(
			[
				{ kind: 'status', status: 400, body: echo },
				{ kind: 'status', status: 409, body: echo },
			],
			/contacts$/,
		);
		const failed = await osvi({}, [{ json: { name: 'Ravi', phone: '9876543210' } }]);
		expect(failed.error?.message).toBe('OSVI refused the request (HTTP 400): invalid token [redacted]');
		expectNoSecret(failed);
		expect(JSON.stringify(failed.error, Object.getOwnPropertyNames(failed.error ?? {}))).not.toContain(OSVI_TOKEN);
		const continued = await osvi({}, [{ json: { name: 'Ravi', phone: '9876543210' } }], { continueOnFail: true });
		expect(json(continued)[0].reason).toContain('invalid token [redacted]');
		expectNoSecret(continued);
	});

	test('a contact OSVI refuses by index is marked invalid and the rest of the batch re-sent', async () => {
		sim.injectFaults(
			[
				{
					kind: 'status',
					status: 400,
					body: {
						success: false,
						error: 'contacts[1]: invalid phone. Provide a 10-digit mobile number (starting with 6–9) or +91 followed by 10 digits.',
						details: null,
					},
				},
			],
			/contacts$/,
		);
		const items = mobiles(3).map((phone, i) => ({
			json: { name: `P${i}`, phone },
		}));
		const result = await osvi({}, items);
		expect(statuses(result)).toEqual(['sent', 'invalid', 'sent']);
		expect(json(result)[1].reason).toMatch(/^rejected by OSVI: invalid phone\. Provide a 10-digit/);
		expect(contactRequests().map((request) => (request.body as { contacts: unknown[] }).contacts.length)).toEqual([3, 2]);
	});

	test('Dry Run sends nothing and reports what would happen to each contact', async () => {
		const result = await osvi({ options: { dryRun: true, doNotCallNumbers: '+91 98765 00000' } }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
			{ json: { name: 'Anita', phone: '9876500000' } },
			{ json: { name: 'R', phone: '9876543210' } },
			{ json: { name: 'X', phone: '555' } },
		]);
		expect(statuses(result)).toEqual(['ready', 'suppressed', 'duplicate', 'invalid']);
		expect(json(result)[0].reason).toBe('dry run: would be sent in batch 1 of 1');
		expect(contactRequests()).toHaveLength(0);
	});

	test('Summary output: one item with the counts and every contact that was not sent', async () => {
		const result = await osvi({ options: { output: 'summary' } }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
			{ json: { name: 'R', phone: '9876543210' } },
			{ json: { name: 'X', phone: 'none' } },
		]);
		expect(result.output).toHaveLength(1);
		expect(result.output[0].json).toMatchObject({
			dryRun: false,
			total: 3,
			sent: 1,
			duplicate: 1,
			invalid: 1,
			suppressed: 0,
			failed: 0,
			batches: [{ batch: 1, contacts: 1, status: 'sent' }],
		});
		expect((result.output[0].json.notSent as IDataObject[]).map((item) => item.status)).toEqual(['duplicate', 'invalid']);
		expect(result.output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('Do-Not-Call Numbers option suppresses in any format; an unreadable entry is refused, not ignored', async () => {
		const result = await osvi({ options: { doNotCallNumbers: '098765 43210\n+91-98765-11111' } }, [
			{ json: { name: 'Ravi', phone: '+919876543210' } },
			{ json: { name: 'Anita', phone: '9876500000' } },
		]);
		expect(statuses(result)).toEqual(['suppressed', 'sent']);
		expect(json(result)[0].reason).toBe('+919876543210 is on the Do-Not-Call list given to the node');
		expect((contactRequests()[0].body as { contacts: unknown[] }).contacts).toHaveLength(1);

		const bad = await osvi({ options: { doNotCallNumbers: '9876543210, call-me-never' } }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
		]);
		expect(bad.error?.message).toMatch(/Do-Not-Call Numbers: "call-me-never" is not a phone number/);
	});

	test("Check OSVI DND List reads every page of the agent's list and does not send those numbers", async () => {
		const agent = sim.agents.get(AGENT)!;
		for (let i = 0; i < 150; i++) {
			const phone = `+9170000${String(10000 + i)}`;
			agent.dnd.set(phone, { id: i, phone, reason: '', created_at: '' });
		}
		const result = await osvi({ options: { checkProviderDoNotCall: true } }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
			{ json: { name: 'Listed', phone: '7000010149' } },
		]);
		expect(statuses(result)).toEqual(['sent', 'suppressed']);
		expect(json(result)[1].reason).toBe("+917000010149 is on OSVI's Do-Not-Call list");
		expect(sim.received('GET', /^\/v1\/dnd_numbers$/).map((request) => request.query.page)).toEqual(['1', '2']);
		expect((contactRequests()[0].body as { contacts: unknown[] }).contacts).toEqual([{ person_name: 'Ravi', phone: '+919876543210' }]);

		// A dry run reads the list too, so its preview suppresses what the real run would.
		sim.requests.length = 0;
		const preview = await osvi({ options: { checkProviderDoNotCall: true, dryRun: true } }, [
			{ json: { name: 'Ravi', phone: '9876543210' } },
			{ json: { name: 'Listed', phone: '7000010149' } },
		]);
		expect(statuses(preview)).toEqual(['ready', 'suppressed']);
		expect(sim.received('GET', /^\/v1\/dnd_numbers$/)).toHaveLength(2);
		expect(contactRequests()).toHaveLength(0);
	});

	test('Field Mapping: a field name, a dragged-in $json reference and a real expression', async () => {
		const items = [
			{
				json: {
					'Mobile No': '9876543210',
					customer: { first: 'Ravi', last: 'Kumar' },
					phone: 'not this one',
				},
			},
			{
				json: {
					'Mobile No': '9876500000',
					customer: { first: 'Anita', last: 'Desai' },
					phone: 'nor this',
				},
			},
		];
		const byName = await osvi(
			{
				fieldMapping: {
					phoneField: 'Mobile No',
					person_nameField: '={{ $json.customer.first + " " + $json.customer.last }}',
				},
			},
			items,
		);
		expect(statuses(byName)).toEqual(['sent', 'sent']);
		expect(json(byName).map((item) => item.person_name)).toEqual(['Ravi Kumar', 'Anita Desai']);
		// The unmapped "phone" field travels as a variable only when it is not a reserved OSVI key.
		expect((contactRequests()[0].body as { contacts: IDataObject[] }).contacts[0]).toEqual({
			person_name: 'Ravi Kumar',
			phone: '+919876543210',
			customer: '{"first":"Ravi","last":"Kumar"}',
		});
		const dragged = await osvi(
			{
				fieldMapping: {
					phoneField: '={{ $json["Mobile No"] }}',
					person_nameField: '={{ $json.customer.first }}',
				},
			},
			items,
		);
		expect(json(dragged).map((item) => [item.phone, item.person_name])).toEqual([
			['+919876543210', 'Ravi'],
			['+919876500000', 'Anita'],
		]);
	});

	test('items addressed to different campaigns (an expression) go in separate requests', async () => {
		sim.addCampaign(43);
		const result = await osvi({ campaignId: '={{ $json.campaign }}' }, [
			{ json: { campaign: 42, name: 'Ravi', phone: '9876543210' } },
			{ json: { campaign: 43, name: 'Anita', phone: '9876500000' } },
			{ json: { campaign: 42, name: 'Sam', phone: '9876511111' } },
		]);
		expect(statuses(result)).toEqual(['sent', 'sent', 'sent']);
		expect(contactRequests().map((request) => [request.path, (request.body as { contacts: unknown[] }).contacts.length])).toEqual([
			['/v1/campaigns/42/contacts', 2],
			['/v1/campaigns/43/contacts', 1],
		]);
	});

	describe('bad input is a clear error naming the item, row or field', () => {
		test('no phone field in any item', async () => {
			const result = await osvi({}, [{ json: { name: 'Ravi', tel_no: '9876543210' } }]);
			expect(result.error?.message).toBe('No phone number in any input item (item 0 has fields: name, tel_no)');
			expect(result.error?.description).toMatch(/Field Mapping → Phone Field/);
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(contactRequests()).toHaveLength(0);
		});

		test('CSV without a phone column, unreadable CSV, empty CSV, missing binary property', async () => {
			const noPhone = await osvi({ contactSource: 'csv' }, [csvItem('name,email\nRavi,r@x.in\n')]);
			expect(noPhone.error?.message).toBe('Item 0: No phone column in the CSV file in "data"');
			expect(noPhone.error?.description).toMatch(/^Its columns are: name, email\./);

			const unreadable = await osvi({ contactSource: 'csv' }, [csvItem('phone,name\n9876543210,"Ravi\n')]);
			expect(unreadable.error?.message).toMatch(/^Item 0: the CSV file in "data" could not be read \(row \d+; the header is row 0\): .*quote/i);

			const empty = await osvi({ contactSource: 'csv' }, [csvItem('phone,name\n')]);
			expect(empty.error?.message).toBe('Item 0: the CSV file in "data" has a header but no contacts');

			const missing = await osvi({ contactSource: 'csv', binaryPropertyName: 'file' }, [csvItem('phone,name\n9876543210,Ravi\n')]);
			expect(missing.error?.message).toBe('Item 0 has no binary property "file"');
			expect(missing.error?.description).toMatch(/Its binary properties are: data/);
			expect(contactRequests()).toHaveLength(0);
		});

		test('with Continue On Fail a bad CSV item becomes an error item and the other items are still sent', async () => {
			const result = await osvi({ contactSource: 'csv' }, [csvItem('name\nRavi\n'), csvItem('phone,name\n9876543210,Ravi\n')], {
				continueOnFail: true,
			});
			expect(json(result)).toEqual([
				{ error: 'Item 0: No phone column in the CSV file in "data"' },
				expect.objectContaining({ status: 'sent', row: 1, itemIndex: 1 }),
			]);
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		test('an Agent UUID expression that resolves to nothing names the item; nothing is sent', async () => {
			const result = await osvi({ agentUuid: '={{ $json.agent }}' }, [
				{ json: { agent: AGENT, name: 'Ravi', phone: '9876543210' } },
				{ json: { name: 'Anita', phone: '9876500000' } },
			]);
			expect(result.error?.message).toBe('Agent UUID is empty (item 1)');
			expect(result.error?.context?.itemIndex).toBe(1);
			expect(contactRequests()).toHaveLength(0);
		});
	});
});

describe('OSVI → Campaign → Add Contacts → bounded time', () => {
	test('a silent server ends in "timed out after N s" within the Request Timeout, never re-sent (OSVI may have stored it)', async () => {
		sim.injectFaults([{ kind: 'hang' }], /contacts$/);
		const result = await osvi({ options: { requestTimeout: 1 } }, [{ json: { name: 'Ravi', phone: '9876543210' } }], { continueOnFail: true });
		expect(statuses(result)).toEqual(['unconfirmed']);
		expect(json(result)[0].reason).toBe('batch 1 of 1 may have been stored by OSVI, which did not confirm it: OSVI did not answer: timed out after 1 s');
		expect(contactRequests()).toHaveLength(1);
	});

	test('after the upload deadline no batch starts; what was delivered before is reported', async () => {
		sim.injectFaults([{ kind: 'hang' }], /contacts$/, 1);
		const items = mobiles(3).map((phone, i) => ({ json: { name: `P${i}`, phone } }));
		// The second batch hangs past its 1 s timeout; a deadline of 1 minute is not reached, so the
		// third batch is still sent: the deadline bounds whole uploads, the timeout single requests.
		const result = await osvi({ options: { batchSize: 1, requestTimeout: 1, uploadDeadline: 1 } }, items, { continueOnFail: true });
		expect(statuses(result)).toEqual(['sent', 'unconfirmed', 'sent']);
	});
});
