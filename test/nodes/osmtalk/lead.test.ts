/** OSMTalk node, Lead resource: one `describe` per operation. */
import type { IDataObject } from 'n8n-workflow';

import { csvItem } from '../../support/engine';
import { items, json, osmTalkHarness, statuses } from './harness';

const osm = osmTalkHarness();

describe('Lead', () => {
	describe('Add', () => {
		beforeEach(() => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
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
			const result = await osm.run(addParameters({ options: { doNotCallNumbers: '+919876543213', defaultCountry: 'IN' } }), { items: items(input) });
			expect(result.error).toBeUndefined();
			const [request] = osm.sim.received('POST', /\/leads$/);
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
			expect(out[0].providerResponse).toMatchObject({ inserted: 2, csvErrors: 0 });
			expect(osm.sim.leads.get('cmp_a')).toHaveLength(2);
		});

		it('without the Default Country option, a national number is read in its default (IN); another country is invalid, with the reason', async () => {
			const result = await osm.run(addParameters(), { items: items([{ phone: '9876543211' }, { phone: '+919876543212' }, { phone: '12' }]) });
			expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'sent', 'invalid']);
			expect(json(result)[0].phone).toBe('+919876543211');
			expect(json(result)[2].reason).toBe('"12" is too short for India (IN)');
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
			const result = await osm.run(addParameters(), { items: items(input) });
			const out = json(result);
			expect(out.map((entry) => entry.status)).toEqual(['sent', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
			expect(out[1].reason).toMatch(/field "notes" has 4,001 characters; OSMTalk takes at most 4,000 a cell/);
			expect(out[2].reason).toMatch(/field name "bad  name" is not allowed by OSMTalk/);
			expect(out[3].reason).toMatch(/is 65 characters long; OSMTalk column names are 1–64 characters/);
			expect(out[4].reason).toMatch(/field "number" would collide with OSMTalk's phone column.*Variable Fields/);
			expect(out[5].reason).toMatch(/51 variable fields; OSMTalk takes at most 50 columns besides the phone/);
			expect(osm.sim.received('POST', /\/leads$/)[0].body).toEqual({
				leads: [{ phoneNumber: '+919876543221', variables: { 'Client Name': 'ok', 'order.id': 'A-1', 'tracking-id': 't' } }],
			});
		});

		it('reads a CSV file, uses the Default Country, and maps csvErrors back onto the contacts', async () => {
			osm.sim.leadErrors.set('+14155550102', 'number is not reachable from this phone number');
			const csv = ['Mobile,first_name,plan', '(415) 555-0101,Ann,Pro', '415-555-0102,Bob,Free', '+919876543230,Ravi,Pro', ''].join('\n');
			const result = await osm.run(addParameters({ contactSource: 'csv', options: { defaultCountry: 'US' } }), { items: [csvItem(csv)] });
			expect(result.error).toBeUndefined();
			const out = json(result);
			expect(out.map((entry) => [entry.row, entry.phone, entry.status])).toEqual([
				[1, '+14155550101', 'sent'],
				[2, '+14155550102', 'invalid'],
				[3, '+919876543230', 'sent'],
			]);
			expect(out[1].reason).toMatch(/rejected by OSMTalk: number is not reachable from this phone number/);
			expect(out[0].providerResponse).toMatchObject({ inserted: 2, csvErrors: 1 });
			expect(osm.sim.leads.get('cmp_a')!.map((lead) => lead.phoneNumber)).toEqual(['+14155550101', '+919876543230']);
		});

		it('cuts batches to the Batch Size and sends them in order', async () => {
			const input = Array.from({ length: 7 }, (_, i) => ({ phone: `+9198765432${String(40 + i)}`, n: String(i) }));
			const result = await osm.run(addParameters({ options: { batchSize: 3, output: 'summary' } }), { items: items(input) });
			expect(osm.sim.received('POST', /\/leads$/).map((request) => (request.body as { leads: unknown[] }).leads.length)).toEqual([3, 3, 1]);
			expect(json(result)[0]).toMatchObject({ total: 7, sent: 7, invalid: 0, failed: 0 });
		});

		it('leaves out numbers on OSMTalk\'s Do-Not-Call list when asked', async () => {
			osm.sim.dnc.set('dnc_1', { id: 'dnc_1', phoneNumber: '+919876543250', reason: null, source: 'opt_out', createdAt: '' });
			const result = await osm.run(addParameters({ options: { checkProviderDoNotCall: true } }), {
				items: items([{ phone: '+919876543250' }, { phone: '+919876543251' }]),
			});
			expect(json(result).map((entry) => entry.status)).toEqual(['suppressed', 'sent']);
			expect(json(result)[0].reason).toMatch(/on OSMTalk's Do-Not-Call list/);
			expect(osm.sim.received('GET', /\/api\/campaigns\/dnc$/)).toHaveLength(1);
		});

		it('to a running campaign: names the state; Continue On Fail marks the contacts failed', async () => {
			osm.sim.campaigns.get('cmp_a')!.status = 'running';
			const failed = await osm.run(addParameters(), { items: items([{ phone: '+919876543260' }]) });
			expect(failed.error?.message).toBe(
				'OSMTalk refused the request while uploading leads to campaign "cmp_a", which is running (HTTP 400): Leads can only be uploaded to a draft campaign (action: uploadLeads; allowedFrom: ["draft"])',
			);
			// No rule is claimed about which states take leads: the spec does not document one.
			expect(failed.error?.description).toBe(
				'OSMTalk named no lead in its answer, so it refused the upload as a whole while the campaign is running: check the campaign in OSMTalk (its state, agent and phone number), or upload the leads to a new draft campaign.',
			);
			const continued = await osm.run(addParameters(), { items: items([{ phone: '+919876543260' }, { phone: 'x' }]), continueOnFail: true });
			expect(json(continued).map((entry) => entry.status)).toEqual(['failed', 'invalid']);
			expect(json(continued)[0].reason).toMatch(/^batch 1 of 1 was not accepted: OSMTalk refused the request while uploading leads to campaign "cmp_a", which is running \(HTTP 400\)/);
		});

		it('retries a 429 on an upload without losing or doubling leads', async () => {
			osm.sim.injectFaults([{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }], /\/leads$/);
			const result = await osm.run(addParameters(), { items: items([{ phone: '+919876543270' }, { phone: '+919876543271' }]) });
			expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'sent']);
			expect(osm.sim.leads.get('cmp_a')).toHaveLength(2);
		});

		it('50,001 leads go in two requests: 50,000 and 1', async () => {
			osm.sim.seedCampaign({ id: 'cmp_big' });
			const input = Array.from({ length: 50_001 }, (_, i) => ({ json: { phone: `+9197${String(i).padStart(8, '0')}` } }));
			const result = await osm.run({ resource: 'lead', operation: 'add', campaignId: 'cmp_big', contactSource: 'items', options: { output: 'summary' } }, { items: input });
			expect(result.error).toBeUndefined();
			expect(osm.sim.received('POST', /\/leads$/).map((request) => (request.body as { leads: unknown[] }).leads.length)).toEqual([50_000, 1]);
			expect(json(result)[0]).toMatchObject({ total: 50_001, sent: 50_001 });
			expect(osm.sim.leads.get('cmp_big')).toHaveLength(50_001);
		});

		describe('a 2xx is believed only as far as it confirms', () => {
			const unreadable = (answer: string) => `OSMTalk answered HTTP ${answer} instead of a confirmation (batch 1 of 1); it may or may not have stored them`;
			const answers: Array<[string, { status: number; rawBody: string }, string]> = [
				['200 {}', { status: 200, rawBody: '{}' }, "OSMTalk's answer (batch 1 of 1) does not say whether they were stored: {\"inserted\":null,\"csvErrors\":0}"],
				['200 "OK"', { status: 200, rawBody: 'OK' }, unreadable('200 with "OK"')],
				['a truncated JSON body', { status: 200, rawBody: '{"inserted": 3, "csvEr' }, unreadable('200 with "{"inserted": 3, "csvEr"')],
				['201 {}', { status: 201, rawBody: '{}' }, "OSMTalk's answer (batch 1 of 1) does not say whether they were stored: {\"inserted\":null,\"csvErrors\":0}"],
				['204', { status: 204, rawBody: '' }, unreadable('204 with an empty answer')],
				[
					'fewer inserted than sent, none named',
					{ status: 200, rawBody: '{"inserted": 2, "csvErrors": []}' },
					'OSMTalk confirmed 2 of these 3 contacts (batch 1 of 1) without naming which: {"inserted":2,"csvErrors":0}',
				],
			];
			it.each(answers)('%s: every lead unconfirmed with the answer quoted, never sent, never re-sent', async (_, answer, reason) => {
				osm.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /\/leads$/);
				const input = [{ phone: '+919876543280' }, { phone: '+919876543281' }, { phone: '+919876543282' }];
				const result = await osm.run(addParameters(), { items: items(input) });
				expect(result.error).toBeUndefined();
				expect(statuses(result)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
				expect(json(result)[0].reason).toBe(reason);
				expect(result.hints?.[0]?.message).toMatch(/^3 contact\(s\) are "unconfirmed"/);
				// OSMTalk stores every upload again: a batch that may have arrived is never re-sent.
				expect(osm.sim.received('POST', /\/leads$/)).toHaveLength(1);
				// What the simulator really stored: the leads are there, which is why "failed" would be wrong too.
				expect(osm.sim.leads.get('cmp_a')).toHaveLength(3);
			});
		});

		it('a lost answer is not re-sent: the leads are unconfirmed and stored once', async () => {
			osm.sim.injectFaults([{ kind: 'dropAfterWork' }], /\/leads$/);
			const result = await osm.run(addParameters({ options: { output: 'summary' } }), { items: items([{ phone: '+919876543283' }, { phone: '+919876543284' }]) });
			expect(osm.sim.received('POST', /\/leads$/)).toHaveLength(1);
			expect(osm.sim.leads.get('cmp_a')).toHaveLength(2);
			expect(result.error?.message).toBe('OSMTalk did not answer: the connection was closed before an answer came');
			expect(result.error?.description).toMatch(/Batch 1 may have been stored: check the campaign before running again\./);
		});

		it('"Duplicate phone number in this campaign" is a duplicate of a lead already there, not an invalid lead', async () => {
			osm.sim.leadErrors.set('+919876543285', 'Duplicate phone number in this campaign');
			osm.sim.leadErrors.set('+919876543286', 'number is not reachable from this phone number');
			const input = [{ phone: '+919876543285' }, { phone: '+919876543286' }, { phone: '+919876543287' }];
			const result = await osm.run(addParameters(), { items: items(input) });
			expect(result.error).toBeUndefined();
			// Counts in = counts out: one result per contact.
			expect(statuses(result)).toEqual(['duplicate', 'invalid', 'sent']);
			expect(json(result)[0].reason).toBe('already in the campaign: OSMTalk answered "Duplicate phone number in this campaign"');
			expect(json(result)[1].reason).toBe('rejected by OSMTalk: number is not reachable from this phone number');
			expect(json(result)[2].reason).toBe('accepted by OSMTalk in batch 1 of 1');
			expect(osm.sim.leads.get('cmp_a')!.map((lead) => lead.phoneNumber)).toEqual(['+919876543287']);
		});

		it('a 404 names the campaign', async () => {
			const result = await osm.run({ ...addParameters(), campaignId: 'cmp_nope' }, { items: items([{ phone: '+919876543288' }]) });
			expect(result.error?.message).toBe('OSMTalk refused the request while uploading leads to campaign "cmp_nope" (HTTP 404): Campaign not found');
			expect(result.error?.description).toBe('No campaign "cmp_nope" in this OSMTalk account: check the Campaign ID.');
		});
	});

	describe('Get Many', () => {
		beforeEach(() => {
			osm.sim.seedCampaign({ id: 'cmp_a' });
			const leads = osm.sim.leads.get('cmp_a')!;
			for (let i = 0; i < 2500; i++) {
				leads.push({ id: `lead_${i}`, phoneNumber: `+9198765${String(i).padStart(5, '0')}`, variables: {}, status: i % 2 ? 'busy' : 'completed', disposition: null, attempts: 1, callId: null });
			}
		});

		it('Return All pages with limit 1000 and offset', async () => {
			const result = await osm.run({ resource: 'lead', operation: 'getMany', campaignId: 'cmp_a', returnAll: true });
			expect(json(result)).toHaveLength(2500);
			expect(osm.sim.requests.map((request) => request.query)).toEqual([
				{ limit: '1000', offset: '0' },
				{ limit: '1000', offset: '1000' },
				{ limit: '1000', offset: '2000' },
			]);
		});

		it('Limit and the status filter', async () => {
			const result = await osm.run({ resource: 'lead', operation: 'getMany', campaignId: 'cmp_a', returnAll: false, limit: 5, filters: { status: 'busy' } });
			expect(json(result)).toHaveLength(5);
			expect(json(result).every((lead) => lead.status === 'busy')).toBe(true);
			expect(osm.sim.requests[0].query).toEqual({ limit: '5', offset: '0', status: 'busy' });
		});
	});
});
