/**
 * Contact → Get Many, Get and Delete through n8n's engine against the Anyreach simulator.
 */
import { run, sim, upsert } from './harness';

describe('Contact', () => {
	async function seed(count: number) {
		const campaign = sim.addCampaign({ external_id: 'seeded' });
		await run(upsert(campaign.id), {
			items: Array.from({ length: count }, (_, i) => ({
				json: { phone: `+1415${String(3000000 + i)}`, external_id: `s${i}` },
			})),
		});
		sim.requests.length = 0;
		return campaign;
	}

	describe('Get Many', () => {
		it('pages with limit/offset for Return All and stops at Limit', async () => {
			await seed(230);
			const all = await run({
				resource: 'contact',
				operation: 'getMany',
				campaignId: 'seeded',
				returnAll: true,
			});
			expect(all.output).toHaveLength(230);
			expect(sim.requests.map((request) => request.query)).toEqual([
				{ limit: '100', offset: '0' },
				{ limit: '100', offset: '100' },
				{ limit: '100', offset: '200' },
			]);
			sim.requests.length = 0;
			const some = await run({
				resource: 'contact',
				operation: 'getMany',
				campaignId: 'seeded',
				limit: 7,
				filters: { status: 'pending' },
			});
			expect(some.output).toHaveLength(7);
			expect(sim.requests.map((request) => request.query)).toEqual([{ limit: '7', offset: '0', status: 'pending' }]);
			expect(some.output[0].json).toMatchObject({
				external_id: 's0',
				status: 'pending',
			});
		});

		it('a status filter the provider ignores is applied by the node: only contacts in that status come out', async () => {
			const campaign = await seed(6);
			const stored = [...campaign.contacts.values()];
			for (const contact of stored.slice(0, 4)) contact.status = 'completed';
			sim.contactStatusFilter = false;
			const pending = await run({ resource: 'contact', operation: 'getMany', campaignId: 'seeded', limit: 2, filters: { status: 'pending' } });
			// The provider answered the 4 completed contacts first; without the node's own check they came out.
			expect(pending.output.map((item) => item.json.external_id)).toEqual(['s4', 's5']);
			expect(pending.output.every((item) => item.json.status === 'pending')).toBe(true);
			expect(sim.requests.map((request) => request.query)).toEqual([
				{ limit: '2', offset: '0', status: 'pending' },
				{ limit: '2', offset: '2', status: 'pending' },
				{ limit: '2', offset: '4', status: 'pending' },
			]);
		});

		it('Simplify (on by default) keeps the documented contact fields; off gives every field', async () => {
			const campaign = await seed(1);
			const simple = (await run({ resource: 'contact', operation: 'getMany', campaignId: 'seeded', returnAll: true })).output[0].json;
			expect(Object.keys(simple)).toEqual(['id', 'external_id', 'phone_numbers', 'status', 'data', 'timezone', 'scheduled_at']);
			const got = await run({ resource: 'contact', operation: 'get', campaignId: 'seeded', contactId: 's0' });
			expect(got.output[0].json).toEqual(simple);
			const raw = (await run({ resource: 'contact', operation: 'getMany', campaignId: 'seeded', returnAll: true, simplify: false })).output[0].json;
			expect(raw).toEqual(JSON.parse(JSON.stringify([...campaign.contacts.values()][0])));
			expect(Object.keys(raw).length).toBeGreaterThan(10);
		});

		it('names a missing campaign', async () => {
			const result = await run({
				resource: 'contact',
				operation: 'getMany',
				campaignId: 'nope',
				returnAll: true,
			});
			expect(result.error?.message).toBe('Anyreach refused the request while listing contacts (HTTP 404): Campaign not found');
			expect(result.error?.description).toBe('No campaign "nope" in this Anyreach organization: check the Campaign ID (its UUID, external_id or "default").');
		});

		it('an unreadable 2xx is an error, never a successful item', async () => {
			await seed(1);
			sim.injectFaults([{ kind: 'malformed', status: 200 }], /\/contacts$/);
			const result = await run({
				resource: 'contact',
				operation: 'getMany',
				campaignId: 'seeded',
				returnAll: true,
			});
			expect(result.error?.message).toMatch(/^Anyreach answered HTTP 200 while listing contacts with ".*", which could not be read$/);
			expect(result.output).toHaveLength(0);
		});
	});

	describe('Get and Delete', () => {
		it('gets and deletes a contact by external_id', async () => {
			const campaign = await seed(2);
			const got = await run({
				resource: 'contact',
				operation: 'get',
				campaignId: 'seeded',
				contactId: 's1',
			});
			expect(got.output[0].json).toMatchObject({
				external_id: 's1',
				phone_numbers: ['+14153000001'],
			});
			const deleted = await run({
				resource: 'contact',
				operation: 'delete',
				campaignId: campaign.id,
				contactId: 's1',
			});
			expect(deleted.output[0].json).toEqual({
				deleted: true,
				campaignId: campaign.id,
				contactId: 's1',
			});
			expect(sim.received('DELETE', /contacts\/s1$/)[0].status).toBe(204);
			expect(sim.contactsOf(campaign.id).map((contact) => contact.external_id)).toEqual(['s0']);
			const missing = await run(
				{
					resource: 'contact',
					operation: 'get',
					campaignId: 'seeded',
					contactId: 's1',
				},
				{ continueOnFail: true },
			);
			expect(missing.output[0].json.error).toBe('Anyreach refused the request (HTTP 404): Contact not found');
			const missingError = await run({
				resource: 'contact',
				operation: 'delete',
				campaignId: 'seeded',
				contactId: 's1',
			});
			expect(missingError.error?.description).toBe('No contact "s1" in campaign "seeded" of this Anyreach organization, or no such campaign: check both IDs.');
		});
	});
});
