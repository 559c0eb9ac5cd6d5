import { contacts, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;

describe('Truedy node: Batch Call', () => {
	describe('Resume', () => {
		it('resumes paused batch calls to active, or scheduled when their start is still ahead', async () => {
			truedy.sim.addBatchCall('batch_d', 'paused');
			truedy.sim.addBatchCall('batch_s', 'paused', { scheduled_at: '2099-06-01T09:00:00Z' });
			const resume = await run({ operation: 'resume', batchCallId: '={{ $json.id }}' }, contacts({ id: 'batch_d' }, { id: 'batch_s' }));
			expect(resume.output.map((item) => item.json.status)).toEqual(['active', 'scheduled']);
			expect(truedy.sim.batchCalls.get('batch_d')!.status).toBe('active');
		});

		it('reports a transition that does not fit the status, per item with Continue On Fail', async () => {
			truedy.sim.addBatchCall('batch_done', 'completed');
			truedy.sim.addBatchCall('batch_run', 'active');
			const result = await run(
				{ operation: 'resume', batchCallId: '={{ $json.id }}' },
				contacts({ id: 'batch_done' }, { id: 'batch_run' }),
				{ continueOnFail: true },
			);
			expect(result.output).toHaveLength(2);
			expect(result.output[0].json.error).toBe(
				'Truedy refused the request while resuming batch call batch_done (HTTP 400): invalid_status: Batch call is completed; only a paused batch call can be resumed ({"status":"completed"})',
			);
			expect(result.output[1].json.error).toBe(
				'Truedy refused the request while resuming batch call batch_run (HTTP 400): invalid_status: Batch call is active; only a paused batch call can be resumed ({"status":"active"})',
			);
		});

		it('names an unknown batch call and what to check', async () => {
			const result = await run({ operation: 'resume', batchCallId: 'batch_nope' }, contacts({}));
			expect(result.error?.description).toBe('No batch call batch_nope on this Truedy account: check the Batch Call ID.');
		});
	});
});
