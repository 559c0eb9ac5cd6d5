/** OSMTalk node, Do Not Call resource: one `describe` per operation. */
import type { IDataObject } from 'n8n-workflow';

import { items, json, osmTalkHarness, statuses } from './harness';

const osm = osmTalkHarness();

describe('Do Not Call', () => {
	describe('Add', () => {
		it('Add normalizes with the Default Country and sends the source', async () => {
			const result = await osm.run({
				resource: 'doNotCall',
				operation: 'add',
				phoneNumber: '98765 43210',
				source: 'opt_out',
				reason: 'Customer email opt-out',
				options: { defaultCountry: 'IN' },
			});
			expect(osm.sim.received('POST', /\/dnc$/)[0].body).toEqual({ phoneNumber: '+919876543210', source: 'opt_out', reason: 'Customer email opt-out' });
			expect(json(result)[0]).toMatchObject({ phoneNumber: '+919876543210', source: 'opt_out' });
		});

		it('Add refuses an unreadable number and a source that is not documented', async () => {
			const bad = await osm.run({ resource: 'doNotCall', operation: 'add', phoneNumber: '12', source: 'manual' });
			expect(bad.error?.message).toBe('Phone Number: "12" is too short for India (IN)');
			expect(bad.error?.description).toMatch(/E\.164.*Default Country/);
			const source = await osm.run({ resource: 'doNotCall', operation: 'add', phoneNumber: '+919876543210', source: '={{ "robot" }}' });
			expect(source.error?.message).toMatch(/Source "robot" is not one of manual, opt_out, imported, api/);
			expect(osm.sim.requests).toHaveLength(0);
		});

		it('an answer without the entry is an error, never a "successful" item', async () => {
			osm.sim.injectFaults([{ kind: 'replaceAnswer', status: 201, rawBody: '{}' }], /\/dnc$/);
			const result = await osm.run({ resource: 'doNotCall', operation: 'add', phoneNumber: '+919876543350', source: 'manual' });
			expect(result.error?.message).toBe('OSMTalk answered without the Do-Not-Call entry while adding a number to the Do-Not-Call list: {}');
			expect(result.error?.description).toBe('The request may have succeeded: check in OSMTalk before running it again.');
		});
	});

	describe('Add Many', () => {
		it('Add Many: bulk, chunked, duplicates ignored, every number accounted for', async () => {
			osm.sim.dnc.set('dnc_old', { id: 'dnc_old', phoneNumber: '+919876543301', reason: null, source: 'manual', createdAt: '' });
			const input = [
				{ phone: '+919876543300', reason: 'asked' },
				{ phone: '+919876543301' },
				{ phone: '+919876543300' },
				{ phone: 'nope' },
				{ phone: '+919876543302' },
			];
			const result = await osm.run({ resource: 'doNotCall', operation: 'addMany', source: 'imported', contactSource: 'items', options: { batchSize: 2 } }, { items: items(input) });
			expect(result.error).toBeUndefined();
			const bulk = osm.sim.received('POST', /\/dnc\/bulk$/);
			expect(bulk.map((request) => request.body)).toEqual([
				{ entries: [{ phoneNumber: '+919876543300', source: 'imported', reason: 'asked' }, { phoneNumber: '+919876543301', source: 'imported' }] },
				{ entries: [{ phoneNumber: '+919876543302', source: 'imported' }] },
			]);
			// +919876543301 was listed before: OSMTalk ignored it, so it is a duplicate, not "sent".
			expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'duplicate', 'duplicate', 'invalid', 'sent']);
			expect(json(result)[1].reason).toBe("already on OSMTalk's Do-Not-Call list (OSMTalk ignored it)");
			expect(json(result)[0].providerResponse).toEqual({ inserted: 1, ignored: 1 });
			expect(osm.sim.received('GET', /\/dnc$/)).toHaveLength(1);
			expect(osm.sim.dnc.size).toBe(3);
		});

		const addMany = (options: IDataObject = {}): IDataObject => ({ resource: 'doNotCall', operation: 'addMany', source: 'opt_out', contactSource: 'items', options });
		const numbers = ['+919876543340', '+919876543341', '+919876543342'];

		describe('a 2xx is believed only as far as it confirms; "Duplicates ignored" makes one re-send harmless', () => {
			it.each([
				['200 {}', { status: 200, rawBody: '{}' }],
				['200 "OK"', { status: 200, rawBody: 'OK' }],
				['a truncated JSON body', { status: 200, rawBody: '{"inserted": 3, "ign' }],
				['201 {}', { status: 201, rawBody: '{}' }],
				['204', { status: 204, rawBody: '' }],
				['fewer inserted than sent, none named', { status: 200, rawBody: '{"inserted": 1, "ignored": 0}' }],
			])('%s: the batch is sent once more and confirmed by the second answer', async (_, answer) => {
				osm.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }], /\/dnc\/bulk$/);
				const result = await osm.run(addMany(), { items: items(numbers.map((phone) => ({ phone }))) });
				expect(result.error).toBeUndefined();
				expect(statuses(result)).toEqual(['sent', 'sent', 'sent']);
				expect(json(result)[0].reason).toBe('accepted by OSMTalk in batch 1 of 1');
				expect(json(result)[0].providerResponse).toEqual({ inserted: 0, ignored: 3 });
				expect(osm.sim.received('POST', /\/dnc\/bulk$/)).toHaveLength(2);
				expect([...osm.sim.dnc.values()].map((entry) => entry.phoneNumber).sort()).toEqual(numbers);
			});

			it('an answer that stays unreadable leaves the numbers unconfirmed, with the answer quoted', async () => {
				osm.sim.injectFaults(
					[
						{ kind: 'replaceAnswer', status: 200, rawBody: '{}' },
						{ kind: 'replaceAnswer', status: 200, rawBody: '{}' },
					],
					/\/dnc\/bulk$/,
				);
				const result = await osm.run(addMany(), { items: items(numbers.map((phone) => ({ phone }))) });
				expect(statuses(result)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
				expect(json(result)[0].reason).toBe('OSMTalk\'s answer (batch 1 of 1) does not say whether they were stored: {"inserted":null,"ignored":null}');
				expect(osm.sim.received('POST', /\/dnc\/bulk$/)).toHaveLength(2);
			});
		});

		it('entries OSMTalk refuses by index are invalid with its reason; the rest is sent again', async () => {
			osm.sim.injectFaults([{ kind: 'status', status: 400, body: { error: 'Validation failed', details: [{ field: 'entries[1].phoneNumber', message: 'number is blocked by the carrier' }] } }], /\/dnc\/bulk$/);
			const result = await osm.run(addMany(), { items: items(numbers.map((phone) => ({ phone }))) });
			expect(statuses(result)).toEqual(['sent', 'invalid', 'sent']);
			expect(json(result)[1].reason).toBe('rejected by OSMTalk: number is blocked by the carrier');
			expect(osm.sim.received('POST', /\/dnc\/bulk$/).map((request) => (request.body as { entries: unknown[] }).entries.length)).toEqual([3, 2]);
			expect(osm.sim.dnc.size).toBe(2);
		});

		it('a Reason column stays the entry\'s reason (under `contact`), apart from the result\'s own reason', async () => {
			const result = await osm.run(addMany(), { items: items([{ phone: numbers[0], reason: 'opted out by email' }]) });
			expect(json(result)[0]).toMatchObject({ status: 'sent', reason: 'accepted by OSMTalk in batch 1 of 1', contact: { reason: 'opted out by email' } });
			expect((osm.sim.received('POST', /\/dnc\/bulk$/)[0].body as { entries: IDataObject[] }).entries[0].reason).toBe('opted out by email');
		});

		it('a Source that is not documented is refused before anything is sent', async () => {
			const result = await osm.run({ ...addMany(), source: '={{ "robot" }}' }, { items: items([{ phone: numbers[0] }]) });
			expect(result.error?.message).toBe('Source "robot" is not one of manual, opt_out, imported, api');
			expect(osm.sim.requests).toHaveLength(0);
		});
	});

	describe('Get Many and Remove', () => {
		it('Get Many and Remove by ID or by phone number', async () => {
			osm.sim.dnc.set('dnc_1', { id: 'dnc_1', phoneNumber: '+919876543310', reason: null, source: 'manual', createdAt: '' });
			osm.sim.dnc.set('dnc_2', { id: 'dnc_2', phoneNumber: '+919876543311', reason: null, source: 'api', createdAt: '' });
			expect(json(await osm.run({ resource: 'doNotCall', operation: 'getMany', returnAll: true })).map((entry) => entry.id)).toEqual(['dnc_1', 'dnc_2']);
			expect(json(await osm.run({ resource: 'doNotCall', operation: 'getMany', returnAll: false, limit: 1 }))).toHaveLength(1);

			expect(json(await osm.run({ resource: 'doNotCall', operation: 'remove', removeBy: 'id', entryId: 'dnc_1' }))[0]).toEqual({ deleted: true, ids: ['dnc_1'] });
			const byPhone = await osm.run({ resource: 'doNotCall', operation: 'remove', removeBy: 'phoneNumber', phoneNumber: '9876543311', options: { defaultCountry: 'IN' } });
			expect(json(byPhone)[0]).toEqual({ deleted: true, ids: ['dnc_2'], phoneNumber: '+919876543311' });
			expect(osm.sim.dnc.size).toBe(0);

			const missing = await osm.run({ resource: 'doNotCall', operation: 'remove', removeBy: 'id', entryId: 'dnc_9' });
			expect(missing.error?.message).toMatch(/HTTP 404/);
			expect(missing.error?.description).toMatch(/No Do-Not-Call entry "dnc_9"/);
		});

		it('Get Many: an answer without the entries is an error, never an empty list', async () => {
			osm.sim.injectFaults([{ kind: 'replaceAnswer', status: 200, rawBody: '{}' }], /\/dnc$/);
			const result = await osm.run({ resource: 'doNotCall', operation: 'getMany', returnAll: true });
			expect(result.error?.message).toBe('OSMTalk answered without the "entries" list while reading the Do-Not-Call list: {}');
		});

		it('Remove by phone number of an unlisted number removes nothing and says so', async () => {
			const result = await osm.run({ resource: 'doNotCall', operation: 'remove', removeBy: 'phoneNumber', phoneNumber: '+919876543360' });
			expect(result.error?.message).toBe("+919876543360 is not on OSMTalk's Do-Not-Call list");
			expect(osm.sim.received('DELETE', /dnc/)).toHaveLength(0);
		});
	});
});
