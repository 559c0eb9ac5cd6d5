/**
 * Configuration operations (Create, Get, Get Many, Update, Delete) through n8n's engine against the
 * Anyreach simulator.
 */
import { run, sim } from './harness';

describe('Configuration', () => {
	describe('Create, Get Many, Get, Update, Delete', () => {
		it('creates, lists, gets, updates and deletes; delete fails while a campaign uses it', async () => {
			const created = await run({
				resource: 'configuration',
				operation: 'create',
				configuration: JSON.stringify({
					default_timezone: 'Europe/London',
					default_windows: [{ days: ['mon', 'fri'], start: '22:30', end: '03:30' }],
					default_country_code: 'GB',
				}),
			});
			expect(created.error).toBeUndefined();
			const id = String(created.output[0].json.id);
			expect(created.output[0].json).toMatchObject({
				default_timezone: 'Europe/London',
				default_country_code: 'GB',
			});

			const listed = await run({
				resource: 'configuration',
				operation: 'getMany',
				returnAll: true,
			});
			expect(listed.output.map((item) => item.json.id)).toEqual([id]);

			const updated = await run({
				resource: 'configuration',
				operation: 'update',
				configurationId: id,
				configuration: '{"default_country_code": "IE"}',
			});
			expect(updated.output[0].json).toMatchObject({
				default_country_code: 'IE',
				default_timezone: 'Europe/London',
			});

			sim.addCampaign({ configuration_id: id });
			const refused = await run({
				resource: 'configuration',
				operation: 'delete',
				configurationId: id,
			});
			expect(refused.error?.message).toBe(
				`Anyreach refused the request while deleting configuration "${id}" (HTTP 400): Configuration is used by 1 campaign(s) and cannot be deleted`,
			);
			expect(refused.error?.description).toBe(
				'A configuration cannot be deleted while a campaign uses it: move those campaigns to another configuration first.',
			);
			const got = await run({
				resource: 'configuration',
				operation: 'get',
				configurationId: id,
			});
			expect(got.output[0].json).toMatchObject({
				id,
				default_country_code: 'IE',
			});
			sim.campaigns.clear();
			const deleted = await run({
				resource: 'configuration',
				operation: 'delete',
				configurationId: id,
			});
			expect(deleted.output[0].json).toEqual({
				deleted: true,
				configurationId: id,
			});
			expect(sim.configurations.size).toBe(0);
		});
	});

	describe('Get', () => {
		it('names a missing configuration', async () => {
			const result = await run({
				resource: 'configuration',
				operation: 'get',
				configurationId: 'nope',
			});
			expect(result.error?.message).toBe('Anyreach refused the request (HTTP 404): Configuration not found');
			expect(result.error?.description).toBe('No configuration "nope" in this Anyreach organization: check the Configuration ID.');
		});
	});

	describe('Create', () => {
		it('checks time zones and windows before sending', async () => {
			const badZone = await run({
				resource: 'configuration',
				operation: 'create',
				configuration: '{"default_timezone": "America/Nowhere"}',
			});
			expect(badZone.error?.message).toMatch(/Configuration \(JSON\): default_timezone "America\/Nowhere" is not an IANA time zone/);
			const badWindow = await run({
				resource: 'configuration',
				operation: 'create',
				configuration: '{"schedule": {"default_windows": [{"days": ["mon"], "start": "9:00", "end": "17:00"}]}}',
			});
			expect(badWindow.error?.message).toMatch(/schedule\.default_windows\[0\]\.start "9:00" is not a 24-hour HH:MM time/);
			const badDays = await run({
				resource: 'configuration',
				operation: 'create',
				configuration: '{"default_windows": [{"days": ["monday"], "start": "09:00", "end": "17:00"}]}',
			});
			expect(badDays.error?.message).toMatch(/default_windows\[0\]\.days must list one or more of mon/);
			expect(sim.requests).toHaveLength(0);
		});
	});
});
