import { contacts, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;

describe('Truedy node: Batch Call', () => {
	describe('Pause', () => {
		it('pauses an active and a scheduled batch call, one request per item', async () => {
			truedy.sim.addBatchCall('batch_a', 'active');
			truedy.sim.addBatchCall('batch_s', 'scheduled');
			const pause = await run({ operation: 'pause', batchCallId: '={{ $json.id }}' }, contacts({ id: 'batch_a' }, { id: 'batch_s' }));
			expect(pause.output.map((item) => item.json.status)).toEqual(['paused', 'paused']);
			expect(pause.output.map((item) => item.json.batch_call_id)).toEqual(['batch_a', 'batch_s']);
			expect(pause.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			expect(truedy.sim.received('POST', /\/pause$/)).toHaveLength(2);
			expect(truedy.sim.batchCalls.get('batch_a')!.status).toBe('paused');
		});

		it('refuses a completed batch call with the status rule', async () => {
			truedy.sim.addBatchCall('batch_done', 'completed');
			const pause = await run({ operation: 'pause', batchCallId: 'batch_done' }, contacts({}));
			expect(pause.error?.message).toBe(
				'Truedy refused the request while pausing batch call batch_done (HTTP 400): invalid_status: Batch call is completed; only an active or scheduled batch call can be paused ({"status":"completed"})',
			);
		});
	});
});
