import { CAMPAIGN, json, osvi, runOperation, useOsviSimulator } from './harness';

useOsviSimulator();

describe('OSVI → Campaign → Get Status', () => {
	test('Campaign → Get Status', async () => {
		await osvi({ enqueue: true }, [{ json: { name: 'Ravi', phone: '9876543210' } }]);
		const result = await runOperation('campaign', 'getStatus', {
			campaignId: CAMPAIGN,
		});
		expect(json(result)).toEqual([
			expect.objectContaining({
				campaign_id: CAMPAIGN,
				is_retry_enabled: true,
				calls: { total: 1, by_status: { picked: 0, not_picked: 0, failed: 0 } },
				uploads: [expect.objectContaining({ contacts: 1 })],
			}),
		]);
		const missing = await runOperation('campaign', 'getStatus', {
			campaignId: 9,
		});
		expect(missing.error?.message).toBe('OSVI refused the request (HTTP 404): campaign_not_found');
		expect(missing.error?.description).toBe('No campaign 9 on this OSVI account: check the Campaign ID.');
	});
});
