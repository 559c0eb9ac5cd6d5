import { contacts, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;

describe('Truedy node: Batch Call', () => {
	describe('Start or Schedule', () => {
		it('starts a draft now without scheduled_at and schedules one with it', async () => {
			truedy.sim.addBatchCall('batch_d', 'draft');
			truedy.sim.addBatchCall('batch_s', 'draft');
			const start = await run({ operation: 'schedule', batchCallId: 'batch_d' }, contacts({}));
			expect(start.output[0].json).toMatchObject({ batch_call_id: 'batch_d', status: 'active' });
			expect(truedy.sim.received('POST', /batch_d\/schedule$/)[0].body).toEqual({});

			const later = await run(
				{ operation: 'schedule', batchCallId: 'batch_s', scheduledAt: '2099-06-01T09:00:00Z', timezone: 'Europe/Paris' },
				contacts({}),
			);
			expect(later.output[0].json).toMatchObject({ status: 'scheduled', scheduled_at: '2099-06-01T09:00:00Z', timezone: 'Europe/Paris' });
			expect(truedy.sim.batchCalls.get('batch_s')!.status).toBe('scheduled');
		});

		it('writes a time zone in its canonical spelling and refuses one that is not IANA', async () => {
			truedy.sim.addBatchCall('batch_z', 'draft');
			await run({ operation: 'schedule', batchCallId: 'batch_z', scheduledAt: '2099-06-01T09:00:00Z', timezone: 'europe/paris' }, contacts({}));
			expect(truedy.sim.received('POST', /batch_z\/schedule$/)[0].body).toEqual({ scheduled_at: '2099-06-01T09:00:00Z', timezone: 'Europe/Paris' });
			const bad = await run({ operation: 'schedule', batchCallId: 'batch_z', timezone: 'GMT+2 hours' }, contacts({}));
			expect(bad.error?.message).toBe('Timezone must be an IANA time zone such as America/New_York, got "GMT+2 hours"');
			const badDate = await run({ operation: 'schedule', batchCallId: 'batch_z', scheduledAt: 'next monday' }, contacts({}));
			expect(badDate.error?.message).toBe('Scheduled At must be a date and time (ISO 8601), got "next monday"');
			expect(truedy.sim.received('POST', /batch_z\/schedule$/)).toHaveLength(1);
		});

		it('refuses a batch call that is already running, with the status rule', async () => {
			truedy.sim.addBatchCall('batch_r', 'active');
			const result = await run({ operation: 'schedule', batchCallId: 'batch_r' }, contacts({}));
			expect(result.error?.message).toBe(
				'Truedy refused the request (HTTP 400): invalid_status: Batch call is active; only a draft or scheduled batch call can be started or scheduled ({"status":"active"})',
			);
		});
	});
});
