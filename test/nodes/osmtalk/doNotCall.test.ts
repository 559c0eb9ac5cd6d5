/** OSMTalk node, Do Not Call resource: one `describe` per operation. */
import type { IDataObject } from 'n8n-workflow';

import { type RunResult } from '../../support/engine';
import { OsmTalkSimulator } from '../../simulators/osmtalk';
import { items, json, runOsmTalk, startSimulator, statuses, type RunArgs } from './harness';

let sim: OsmTalkSimulator;

beforeEach(async () => {
	sim = await startSimulator();
});

afterEach(async () => {
	await sim.stop();
});

const run = async (parameters: IDataObject, args: RunArgs = {}): Promise<RunResult> => await runOsmTalk(sim, parameters, args);

describe('Do Not Call', () => {
	describe('Add', () => {
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
			expect(bad.error?.message).toBe('Phone Number: "12" is too short for IN');
			expect(bad.error?.description).toMatch(/E\.164.*Default Country/);
			const source = await run({ resource: 'doNotCall', operation: 'add', phoneNumber: '+919876543210', source: '={{ "robot" }}' });
			expect(source.error?.message).toMatch(/Source "robot" is not one of manual, opt_out, imported, api/);
			expect(sim.requests).toHaveLength(0);
		});

		// DNC_ADD_TESTS
	});

	describe('Add Many', () => {
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
			// +919876543301 was listed before: OSMTalk ignored it, so it is a duplicate, not "sent".
			expect(json(result).map((entry) => entry.status)).toEqual(['sent', 'duplicate', 'duplicate', 'invalid', 'sent']);
			expect(json(result)[1].reason).toBe("already on OSMTalk's Do-Not-Call list (OSMTalk ignored it)");
			expect(json(result)[0].providerResponse).toEqual({ inserted: 1, ignored: 1 });
			expect(sim.received('GET', /\/dnc$/)).toHaveLength(1);
			expect(sim.dnc.size).toBe(3);
		});

		// DNC_ADDMANY_TESTS
	});

	describe('Get Many and Remove', () => {
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

		// DNC_LIST_TESTS
	});
});
