/**
 * Contact → Create or Update (upsert) through n8n's engine against the Anyreach simulator: what the
 * node outputs, and what the simulator received and stored.
 */
import type { IDataObject } from 'n8n-workflow';

import { ANYREACH_ORG_KEY } from '../../simulators/anyreach';
import { csvItem } from '../../support/engine';
import { contactPosts, counts, expectNoSecret, items, run, sim, upsert } from './harness';

describe('Contact', () => {
	describe('Create or Update (upsert)', () => {
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
					{
						phone_number: '+44 20 7946 0958; +44 7911 123456',
						name: 'Sam',
						data: { tier: 'gold' },
					},
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
					{
						phone_numbers: ['+442079460958', '+447911123456'],
						data: { tier: 'gold', name: 'Sam' },
					},
				],
			});
			const stored = sim.contactsOf(campaign.id);
			expect(stored).toHaveLength(2);
			expect(result.output[0].json.reason).toBe(`upserted by Anyreach as contact ${stored[0].id} in batch 1`);
			expect(result.output[0].json.phones).toEqual(['+14155550101', '+14155550102']);
			expect(result.output[0].json.providerResponse).toEqual({
				inserted: 2,
				updated: 0,
			});
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
			sim.addCampaign({
				external_id: 'in-campaign',
				configuration_id: sim.addConfiguration({ default_country_code: 'IN' }).id,
			});
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
			const result = await run(
				upsert(campaign.id, {
					contactSource: 'csv',
					options: { defaultCountry: 'FR' },
				}),
				{
					items: [csvItem(csv)],
				},
			);
			expect(result.error).toBeUndefined();
			expect(counts(result.output)).toEqual({ sent: 2, invalid: 1 });
			expect(result.output[2].json).toMatchObject({
				status: 'invalid',
				row: 3,
			});
			const sent = (contactPosts()[0].body as { contacts: IDataObject[] }).contacts;
			expect(sent[0]).toEqual({
				id: uuid,
				external_id: 'crm-1',
				phone_numbers: ['+33612345678', '+33142685300'],
				timezone: 'Europe/Paris',
				scheduled_at: '2026-07-01T09:00:00+02:00',
				data: { first_name: 'Léa', plan: 'pro' },
			});
			expect(sent[1]).toEqual({
				external_id: 'crm-2',
				phone_numbers: ['+33698765432'],
				data: { first_name: 'Marc', plan: 'basic' },
			});
			expect(sim.contactsOf(campaign.id).map((contact) => contact.id)).toContain(uuid);
		});

		it('updates in place: matched by id, then by external_id', async () => {
			const campaign = sim.addCampaign();
			await run(upsert(campaign.id), {
				items: items({ phone: '+14155550101', external_id: 'X', plan: 'a' }),
			});
			const [stored] = sim.contactsOf(campaign.id);
			const result = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550109', external_id: 'X', plan: 'b' }, { phone: '+14155550110', id: stored.id.toUpperCase(), plan: 'c' }),
			});
			expect(counts(result.output)).toEqual({ sent: 2 });
			expect(sim.contactsOf(campaign.id)).toHaveLength(1);
			expect(sim.contactsOf(campaign.id)[0]).toMatchObject({
				phone_numbers: ['+14155550110'],
				data: { plan: 'c' },
			});
			expect(result.output[0].json.providerResponse).toEqual({
				inserted: 0,
				updated: 2,
			});
		});

		it('cuts 2,500 contacts into batches of 1,000', async () => {
			const campaign = sim.addCampaign();
			const input = Array.from({ length: 2500 }, (_, i) => ({
				json: { phone: `+1415${String(2000000 + i)}`, external_id: `e${i}` },
			}));
			const result = await run(upsert(campaign.id, { options: { output: 'summary' } }), { items: input });
			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(1);
			expect(result.output[0].json).toMatchObject({
				total: 2500,
				sent: 2500,
				invalid: 0,
				duplicate: 0,
				failed: 0,
			});
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
			expect(result.output[1].json.reason).toBe('rejected by Anyreach: Anyreach could not parse +14155550102 into a valid E.164 number (HTTP 422)');
			const posts = contactPosts();
			expect(posts.map((post) => post.status)).toEqual([422, 200]);
			expect((posts[1].body as { contacts: unknown[] }).contacts).toHaveLength(2);
			expect(sim.contactsOf(campaign.id)).toHaveLength(2);
		});

		it('refuses a closed campaign with a clear error, or marks every contact failed with Continue On Fail', async () => {
			const campaign = sim.addCampaign({
				status: 'closed',
				external_id: 'old',
			});
			const result = await run(upsert('old'), {
				items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
			});
			expect(result.error?.message).toBe(
				'Anyreach refused the request while adding contacts (HTTP 400): Campaign is closed; contacts cannot be added to a closed campaign',
			);
			expect(result.error?.description).toBe('A closed campaign takes no contacts and cannot be restarted: create a new campaign and upload to it.');
			const cof = await run(upsert('old'), {
				items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
				continueOnFail: true,
			});
			expect(cof.error).toBeUndefined();
			expect(counts(cof.output)).toEqual({ failed: 2 });
			expect(String(cof.output[0].json.reason)).toMatch(/batch 1 of 1 was not accepted: .*closed/);
			expect(sim.contactsOf(campaign.id)).toHaveLength(0);
		});

		it('retries 429, dropped connections and 5xx without storing a contact twice', async () => {
			const campaign = sim.addCampaign();
			sim.injectFaults(
				[
					{
						kind: 'status',
						status: 429,
						headers: { 'retry-after': '0' },
						body: { detail: 'Too many requests' },
					},
					{ kind: 'drop' },
					{ kind: 'status', status: 503, headers: { 'retry-after': '0' } },
				],
				/\/contacts$/,
			);
			const result = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550101', external_id: 'r1' }),
			});
			expect(result.error).toBeUndefined();
			expect(counts(result.output)).toEqual({ sent: 1 });
			expect(contactPosts().map((post) => post.status)).toEqual([429, 0, 503, 200]);
			expect(sim.contactsOf(campaign.id)).toHaveLength(1);
		});

		it('gives up after Max Retries with a message naming what was not sent', async () => {
			const campaign = sim.addCampaign();
			sim.injectFaults(
				[1, 2, 3].map(() => ({
					kind: 'status' as const,
					status: 503,
					headers: { 'retry-after': '0' },
				})),
				/\/contacts$/,
			);
			const result = await run(upsert(campaign.id, { options: { maxRetries: 1, batchSize: 1 } }), {
				items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
			});
			expect(result.error?.message).toBe('Anyreach refused the request (HTTP 503): injected fault');
			expect(result.error?.description).toBe('Anyreach had a server problem; try again later. (HTTP 503 after 2 attempts) Not sent: batch 2 (1 contact).');
			expect(contactPosts()).toHaveLength(2);
			expect(sim.contactsOf(campaign.id)).toHaveLength(0);
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
						body: {
							detail: [
								{
									loc: ['body', 'contacts', 1, 'timezone'],
									msg: 'not a valid IANA timezone',
									type: 'value_error',
								},
							],
						},
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

		it('an answer that is not JSON confirms nothing: a keyless batch is unconfirmed, a keyed one re-sent and confirmed', async () => {
			const campaign = sim.addCampaign();
			sim.injectFaults([{ kind: 'malformed', status: 200 }], /\/contacts$/);
			const keyless = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550101' }),
			});
			expect(counts(keyless.output)).toEqual({ unconfirmed: 1 });
			expect(keyless.output[0].json.reason).toMatch(
				/^Anyreach answered HTTP 200 with ".*" instead of a confirmation \(batch 1 of 1\); it may or may not have stored them$/,
			);
			expect(contactPosts()).toHaveLength(1);
			expect(sim.contactsOf(campaign.id)).toHaveLength(1);

			sim.injectFaults([{ kind: 'malformed', status: 200 }], /\/contacts$/);
			const keyed = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550102', external_id: 'k1' }),
			});
			expect(counts(keyed.output)).toEqual({ sent: 1 });
			expect(keyed.output[0].json.reason).toMatch(/^upserted by Anyreach as contact [0-9a-f-]{36} in batch 1$/);
			expect(keyed.output[0].json.providerResponse).toEqual({
				inserted: 0,
				updated: 1,
			});
			expect(contactPosts()).toHaveLength(3);
			expect(sim.contactsOf(campaign.id)).toHaveLength(2);
		});

		it('honours Do-Not-Call numbers and Dry Run, every contact accounted for', async () => {
			const campaign = sim.addCampaign();
			const input = items({ phone: '+14155550101' }, { phone: '+14155550102, +14155550109' }, { phone: 'x' }, { phone: '+14155550101' });
			const dry = await run(
				upsert(campaign.id, {
					options: { dryRun: true, doNotCallNumbers: '(415) 555-0109' },
				}),
				{ items: input },
			);
			expect(counts(dry.output)).toEqual({
				ready: 1,
				suppressed: 1,
				invalid: 1,
				duplicate: 1,
			});
			expect(dry.output[1].json.reason).toBe('+14155550109 is on the Do-Not-Call list given to the node');
			expect(sim.requests).toHaveLength(0);
			const real = await run(
				upsert(campaign.id, {
					options: { doNotCallNumbers: '+14155550109', output: 'summary' },
				}),
				{ items: input },
			);
			expect(real.output[0].json).toMatchObject({
				total: 4,
				sent: 1,
				suppressed: 1,
				invalid: 1,
				duplicate: 1,
				failed: 0,
			});
			expect(sim.contactsOf(campaign.id)).toHaveLength(1);
		});

		it('reports a missing campaign with what to do', async () => {
			const result = await run(upsert('nope'), {
				items: items({ phone: '+14155550101' }),
			});
			expect(result.error?.message).toBe('Anyreach refused the request (HTTP 404): Campaign not found');
			expect(result.error?.description).toBe('Nothing with this ID or external_id in the organization: check the ID.');
		});

		describe('a 2xx is believed only as far as it confirms', () => {
			const unreadable = (answer: string) => `Anyreach answered HTTP ${answer} instead of a confirmation (batch 1 of 1); it may or may not have stored them`;
			const noCounts = "Anyreach's answer (batch 1 of 1) does not say whether they were stored: {}";
			const answers: Array<[string, { status: number; rawBody: string }, string]> = [
				['200 {}', { status: 200, rawBody: '{}' }, noCounts],
				['200 "OK"', { status: 200, rawBody: 'OK' }, unreadable('200 with "OK"')],
				['a truncated JSON body', { status: 200, rawBody: '{"inserted": 3, "upd' }, unreadable('200 with "{"inserted": 3, "upd"')],
				['201 {}', { status: 201, rawBody: '{}' }, noCounts],
				['204', { status: 204, rawBody: '' }, unreadable('204 with an empty answer')],
				[
					'counts short of the batch, without ids',
					{ status: 200, rawBody: '{"inserted": 1, "updated": 1}' },
					'Anyreach confirmed 2 of these 3 contacts (batch 1 of 1) without naming which: {"inserted":1,"updated":1}',
				],
			];
			const phones = ['+14155550101', '+14155550102', '+14155550103'];

			test.each(answers)('%s, contacts without a key: every contact unconfirmed with the answer quoted, never re-sent', async (_, answer, reason) => {
				const campaign = sim.addCampaign();
				sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /\/contacts$/);
				const result = await run(upsert(campaign.id), {
					items: items(...phones.map((phone) => ({ phone }))),
				});
				expect(result.error).toBeUndefined();
				expect(result.output.map((item) => item.json.status)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
				expect(result.output[0].json.reason).toBe(reason);
				expect(result.hints?.[0]?.message).toMatch(/^3 contact\(s\) are "unconfirmed"/);
				// Anyreach would insert a keyless contact a second time: the batch is sent once.
				expect(contactPosts()).toHaveLength(1);
				expect(sim.contactsOf(campaign.id)).toHaveLength(3);
			});

			test.each(answers)('%s, contacts with an external_id: re-sent once (Anyreach updates them), then confirmed', async (_, answer) => {
				const campaign = sim.addCampaign();
				sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /\/contacts$/);
				const result = await run(upsert(campaign.id), {
					items: items(...phones.map((phone, i) => ({ phone, external_id: `e${i}` }))),
				});
				expect(result.error).toBeUndefined();
				expect(result.output.map((item) => item.json.status)).toEqual(['sent', 'sent', 'sent']);
				const stored = sim.contactsOf(campaign.id);
				expect(stored.map((contact) => contact.external_id)).toEqual(['e0', 'e1', 'e2']);
				expect(result.output.map((item) => item.json.reason)).toEqual(stored.map((contact) => `upserted by Anyreach as contact ${contact.id} in batch 1`));
				expect(contactPosts().map((post) => (post.body as { contacts: unknown[] }).contacts.length)).toEqual([3, 3]);
			});

			test('counts in = counts out: every contact counted once, the short batch unconfirmed, the simulator holding all sent', async () => {
				const campaign = sim.addCampaign();
				sim.injectFaults(
					[
						{
							kind: 'replaceAnswer',
							status: 200,
							rawBody: '{"inserted": 1, "updated": 0}',
						},
					],
					/\/contacts$/,
					1,
				);
				const input = items(
					{ phone: '+14155550101' },
					{ phone: '+14155550102' },
					{ phone: 'nope' },
					{ phone: '+14155550103' },
					{ phone: '+1 415 555 0101' },
					{ phone: '+14155550104' },
				);
				const result = await run(upsert(campaign.id, { options: { batchSize: 2, output: 'summary' } }), { items: input });
				expect(result.error).toBeUndefined();
				expect(result.output[0].json).toMatchObject({
					total: 6,
					sent: 2,
					unconfirmed: 2,
					invalid: 1,
					duplicate: 1,
					failed: 0,
				});
				expect(contactPosts()).toHaveLength(2);
				// Of the two +14155550101 contacts the later is kept (Anyreach's rule), so it is sent in batch 2.
				expect(sim.contactsOf(campaign.id).map((contact) => contact.phone_numbers[0])).toEqual([
					'+14155550102',
					'+14155550103',
					'+14155550101',
					'+14155550104',
				]);
			});

			test('ids that do not cover the batch are not read as per-contact confirmations; counts that cover it are', async () => {
				const campaign = sim.addCampaign();
				sim.injectFaults(
					[
						{
							kind: 'replaceAnswer',
							status: 200,
							rawBody: '{"inserted": 2, "updated": 0, "ids": ["only-one"]}',
						},
					],
					/\/contacts$/,
				);
				const result = await run(upsert(campaign.id), {
					items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
				});
				expect(result.output.map((item) => item.json.reason)).toEqual(['accepted by Anyreach in batch 1 of 1', 'accepted by Anyreach in batch 1 of 1']);
				expect(result.output[0].json.providerResponse).toEqual({
					inserted: 2,
					updated: 0,
				});
				expect(sim.contactsOf(campaign.id)).toHaveLength(2);
			});
		});

		describe('a lost answer', () => {
			test('is not re-sent for contacts without a key (Anyreach would insert them again): unconfirmed', async () => {
				const campaign = sim.addCampaign();
				sim.injectFaults([{ kind: 'dropAfterWork' }], /\/contacts$/);
				const result = await run(upsert(campaign.id), {
					items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
				});
				expect(result.error?.message).toMatch(/^Anyreach did not answer: the connection was closed before an answer came/);
				expect(result.error?.description).toMatch(/Batch 1 may have been stored: check the campaign before running again\./);
				expect(contactPosts()).toHaveLength(1);
				expect(sim.contactsOf(campaign.id)).toHaveLength(2);
				sim.injectFaults([{ kind: 'dropAfterWork' }], /\/contacts$/);
				const continued = await run(upsert(campaign.id), {
					items: items({ phone: '+14155550103' }),
					continueOnFail: true,
				});
				expect(counts(continued.output)).toEqual({ unconfirmed: 1 });
				expect(continued.output[0].json.reason).toMatch(/^batch 1 of 1 may have been stored by Anyreach, which did not confirm it: /);
			});

			test('is retried for contacts with an external_id (the upsert updates them): sent, stored once', async () => {
				const campaign = sim.addCampaign();
				sim.injectFaults([{ kind: 'dropAfterWork' }], /\/contacts$/);
				const result = await run(upsert(campaign.id), {
					items: items(
						{ phone: '+14155550101', external_id: 'x1' },
						{
							phone: '+14155550102',
							id: '7d0c4a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f',
						},
					),
				});
				expect(result.error).toBeUndefined();
				expect(counts(result.output)).toEqual({ sent: 2 });
				expect(contactPosts()).toHaveLength(2);
				expect(sim.contactsOf(campaign.id)).toHaveLength(2);
				expect(result.output[0].json.providerResponse).toEqual({
					inserted: 0,
					updated: 2,
				});
			});
		});

		test('a token echoed back by Anyreach appears nowhere: output, error (cause and body included), reasons', async () => {
			const campaign = sim.addCampaign();
			const echo = {
				detail: `invalid token ${ANYREACH_ORG_KEY}`,
				token: ANYREACH_ORG_KEY,
			};
			sim.injectFaults(
				[
					{ kind: 'status', status: 400, body: echo },
					{ kind: 'status', status: 400, body: echo },
				],
				/\/contacts$/,
			);
			const failed = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550101' }),
			});
			expect(failed.error?.message).toBe('Anyreach refused the request (HTTP 400): invalid token [redacted]');
			expectNoSecret(failed);
			const continued = await run(upsert(campaign.id), {
				items: items({ phone: '+14155550101' }),
				continueOnFail: true,
			});
			expect(continued.output[0].json.reason).toBe('batch 1 of 1 was not accepted: Anyreach refused the request (HTTP 400): invalid token [redacted]');
			expectNoSecret(continued);
		});
	});
});
