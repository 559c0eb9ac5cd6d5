import { contacts, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;

describe('Truedy node: Batch Call', () => {
	describe('Delete Many', () => {
		it('deletes many batch calls with one bulk-delete request per item', async () => {
			truedy.sim.addBatchCall('batch_x');
			truedy.sim.addBatchCall('batch_y');
			const result = await run({ operation: 'deleteMany', batchCallIds: 'batch_x, batch_y,batch_zz' }, contacts({}));
			expect(result.error).toBeUndefined();
			expect(truedy.sim.received('POST', /bulk-delete$/)[0].body).toEqual({ ids: ['batch_x', 'batch_y', 'batch_zz'] });
			expect(result.output[0].json).toEqual({ deleted: false, deleted_count: 2, failed_count: 1, deleted_ids: ['batch_x', 'batch_y'], failed_ids: ['batch_zz'] });
			expect(truedy.sim.batchCalls.size).toBe(0);
		});

		it('takes an array from an expression, drops repeated IDs, and refuses an empty list before sending', async () => {
			truedy.sim.addBatchCall('batch_x');
			const result = await run({ operation: 'deleteMany', batchCallIds: '={{ $json.ids }}' }, contacts({ ids: ['batch_x', 'batch_x'] }));
			expect(truedy.sim.received('POST', /bulk-delete$/)[0].body).toEqual({ ids: ['batch_x'] });
			expect(result.output[0].json).toMatchObject({ deleted_ids: ['batch_x'] });
			const empty = await run({ operation: 'deleteMany', batchCallIds: ' , ' }, contacts({}));
			expect(empty.error?.message).toBe('Batch Call IDs is empty: give at least one ID');
			expect(truedy.sim.received('POST', /bulk-delete$/)).toHaveLength(1);
		});
	});
});
