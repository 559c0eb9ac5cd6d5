/**
 * Campaign operations (Create, Get, Get Many, Get Stats, Update, Start, Pause, Close) through n8n's
 * engine against the Anyreach simulator.
 */
import { items, run, sim, upsert } from './harness';

describe('Campaign', () => {
	describe('Create, Update, Get, Get Stats', () => {
		it('creates, updates, gets and reads stats', async () => {
			const config = sim.addConfiguration();
			const created = await run({
				resource: 'campaign',
				operation: 'create',
				name: 'June renewals',
				additionalFields: {
					externalId: 'june',
					otherFields: JSON.stringify({ configuration_id: config.id }),
				},
			});
			expect(created.error).toBeUndefined();
			expect(created.output[0].json).toMatchObject({
				name: 'June renewals',
				external_id: 'june',
				status: 'active',
				configuration_id: config.id,
			});
			expect(sim.received('POST', /^\/campaign\/campaigns$/)[0].body).toEqual({
				name: 'June renewals',
				external_id: 'june',
				configuration_id: config.id,
			});

			const updated = await run({
				resource: 'campaign',
				operation: 'update',
				campaignId: 'june',
				updateFields: { name: 'June renewals v2' },
			});
			expect(updated.output[0].json).toMatchObject({
				name: 'June renewals v2',
			});
			expect(sim.received('PATCH', /\/june$/)[0].body).toEqual({
				name: 'June renewals v2',
			});

			await run(upsert('june'), {
				items: items({ phone: '+14155550101' }, { phone: '+14155550102' }),
			});
			const stats = await run({
				resource: 'campaign',
				operation: 'getStats',
				campaignId: 'june',
			});
			expect(stats.output[0].json).toMatchObject({
				campaignId: 'june',
				contacts: { total: 2, pending: 2 },
				concurrency_limit: 10,
			});
		});
	});

	describe('Create', () => {
		it('does not re-send a create after a 5xx (no idempotency key), but retries a 429', async () => {
			sim.injectFaults([{ kind: 'status', status: 429, headers: { 'retry-after': '0' } }], /^\/campaign\/campaigns$/);
			const ok = await run({
				resource: 'campaign',
				operation: 'create',
				name: 'A',
			});
			expect(ok.error).toBeUndefined();
			expect(sim.received('POST', /^\/campaign\/campaigns$/).map((request) => request.status)).toEqual([429, 201]);
			sim.injectFaults([{ kind: 'status', status: 502 }], /^\/campaign\/campaigns$/);
			const failed = await run({
				resource: 'campaign',
				operation: 'create',
				name: 'B',
			});
			expect(failed.error?.message).toBe('Anyreach refused the request while creating campaign "B" (HTTP 502): injected fault');
			expect(failed.error?.description).toBe(
				'Anyreach may have created the campaign before failing; it was not sent again, to avoid a second campaign: check with Get Many before running again. (HTTP 502; not retried, since the provider may have acted on it)',
			);
			expect(sim.received('POST', /^\/campaign\/campaigns$/)).toHaveLength(3);
			// A lost answer is not re-sent either: the campaign exists once.
			sim.injectFaults([{ kind: 'dropAfterWork' }], /^\/campaign\/campaigns$/);
			const lost = await run({
				resource: 'campaign',
				operation: 'create',
				name: 'C',
			});
			expect(lost.error?.message).toMatch(/^Anyreach did not answer while creating campaign "C"/);
			expect([...sim.campaigns.values()].filter((campaign) => campaign.name === 'C')).toHaveLength(1);
			expect(sim.received('POST', /^\/campaign\/campaigns$/)).toHaveLength(4);
		});
	});

	describe('Start, Pause, Close', () => {
		it('runs the lifecycle and turns a transition that does not fit into a clear error', async () => {
			const campaign = sim.addCampaign({ external_id: 'life' });
			const op = (operation: string, continueOnFail = false) => run({ resource: 'campaign', operation, campaignId: 'life' }, { continueOnFail });
			expect((await op('pause')).output[0].json.status).toBe('paused');
			const pausedAgain = await op('pause');
			expect(pausedAgain.error?.message).toBe(
				'Anyreach refused the request while pausing campaign "life" (HTTP 400): Campaign is paused; only an active campaign can be paused',
			);
			expect(pausedAgain.error?.description).toBe('Only an active campaign can be paused: get the campaign to see its status.');
			expect((await op('start')).output[0].json.status).toBe('active');
			expect((await op('close')).output[0].json.status).toBe('closed');
			const restart = await op('start');
			expect(restart.error?.message).toBe(
				'Anyreach refused the request while starting campaign "life" (HTTP 400): Campaign is closed; a closed campaign cannot be restarted',
			);
			expect(restart.error?.description).toBe('A closed campaign cannot be restarted: create a new campaign instead.');
			const closeAgain = await op('close', true);
			expect(closeAgain.output[0].json.error).toBe('Anyreach refused the request while closing campaign "life" (HTTP 400): Campaign is already closed');
			const closeError = await op('close');
			expect(closeError.error?.description).toBe('The campaign is already closed: nothing to do.');
			expect(campaign.status).toBe('closed');
		});
	});

	describe('Start', () => {
		it('a start refused for another reason than a closed campaign does not say the campaign is closed', async () => {
			sim.addCampaign({ external_id: 'busy' });
			sim.injectFaults(
				[
					{
						kind: 'status',
						status: 400,
						body: { detail: 'Campaign is already active' },
					},
				],
				/\/start$/,
			);
			const result = await run({
				resource: 'campaign',
				operation: 'start',
				campaignId: 'busy',
			});
			expect(result.error?.message).toBe('Anyreach refused the request while starting campaign "busy" (HTTP 400): Campaign is already active');
			expect(result.error?.description).toBe('Anyreach did not start the campaign in its current status: get the campaign to see its status.');
			expect(result.error?.description).not.toMatch(/closed/);
		});
	});

	describe('Get, Get Stats, Update, Start, Pause, Close', () => {
		it('names a missing campaign for get, stats, update and the lifecycle', async () => {
			for (const operation of ['get', 'getStats', 'start', 'pause', 'close']) {
				const result = await run({
					resource: 'campaign',
					operation,
					campaignId: 'nope',
				});
				expect(result.error?.message).toMatch(/^Anyreach refused the request.* \(HTTP 404\): Campaign not found$/);
				expect(result.error?.description).toBe('No campaign "nope" in this Anyreach organization: check the Campaign ID (its UUID or external_id).');
			}
			const update = await run({
				resource: 'campaign',
				operation: 'update',
				campaignId: 'nope',
				updateFields: { name: 'x' },
			});
			expect(update.error?.message).toBe('Anyreach refused the request while updating the campaign (HTTP 404): Campaign not found');
		});
	});

	describe('Get Many', () => {
		it('follows the cursor for Get Many and sends the name filter', async () => {
			for (let i = 0; i < 230; i++)
				sim.addCampaign({
					name: `Batch ${i}`,
					status: i % 3 === 0 ? 'paused' : 'active',
				});
			sim.addCampaign({ name: 'Other', status: 'closed' });
			const all = await run({
				resource: 'campaign',
				operation: 'getMany',
				returnAll: true,
			});
			expect(all.output).toHaveLength(231);
			const listRequests = sim.received('GET', /^\/campaign\/campaigns$/);
			expect(listRequests).toHaveLength(3);
			expect(listRequests[0].query).toEqual({ limit: '100' });
			expect(listRequests[1].query.cursor).toBeDefined();
		});

		it('two statuses: one documented `status` per request, merged up to Limit, each campaign once', async () => {
			const paused = ['P1', 'P2', 'P3'].map((name) => sim.addCampaign({ name, status: 'paused' }));
			sim.addCampaign({ name: 'A1', status: 'active' });
			const closed = ['C1', 'C2'].map((name) => sim.addCampaign({ name, status: 'closed' }));
			const both = await run({ resource: 'campaign', operation: 'getMany', returnAll: true, filters: { status: ['paused', 'closed'] } });
			// Sent as `status=paused&status=closed`, the provider reads one status (the last): the paused ones went missing.
			expect(both.output.map((item) => item.json.name)).toEqual([...paused, ...closed].map((campaign) => campaign.name));
			expect(sim.requests.map((request) => request.queryAll)).toEqual([
				{ status: ['paused'], limit: ['100'] },
				{ status: ['closed'], limit: ['100'] },
			]);
			sim.requests.length = 0;
			const some = await run({ resource: 'campaign', operation: 'getMany', limit: 4, filters: { name: 'p', status: ['paused', 'closed'] } });
			expect(some.output.map((item) => item.json.name)).toEqual(['P1', 'P2', 'P3']);
			expect(sim.requests.map((request) => request.queryAll)).toEqual([
				{ name: ['p'], status: ['paused'], limit: ['4'] },
				{ name: ['p'], status: ['closed'], limit: ['1'] },
			]);
			sim.requests.length = 0;
			const limited = await run({ resource: 'campaign', operation: 'getMany', limit: 2, filters: { status: ['paused', 'closed'] } });
			expect(limited.output.map((item) => item.json.name)).toEqual(['P1', 'P2']);
			expect(sim.requests).toHaveLength(1);
		});
	});

	describe('Update', () => {
		it('refuses to set the status through Update', async () => {
			sim.addCampaign({ external_id: 'x' });
			const result = await run({
				resource: 'campaign',
				operation: 'update',
				campaignId: 'x',
				updateFields: { otherFields: '{"status": "closed"}' },
			});
			expect(result.error?.message).toMatch(/status is not set by a field/);
			expect(sim.requests).toHaveLength(0);
		});
	});
});
