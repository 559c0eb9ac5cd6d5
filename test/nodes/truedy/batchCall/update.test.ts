import { contacts, noSecrets, useTruedy } from '../support';

const truedy = useTruedy();
const run = truedy.run;

describe('Truedy node: Batch Call', () => {
	describe('Update', () => {
		it('updates a paused batch call with PATCH and refuses an active one clearly', async () => {
			truedy.sim.addBatchCall('batch_p', 'paused');
			truedy.sim.addBatchCall('batch_a', 'active');
			const ok = await run(
				{ operation: 'update', batchCallId: 'batch_p', updateFields: { name: 'Renamed', max_calls_per_day: 50, retry_failed: true } },
				contacts({}),
			);
			expect(ok.error).toBeUndefined();
			expect(truedy.sim.received('PATCH', /batch_p$/)[0].body).toEqual({ name: 'Renamed', max_calls_per_day: 50, retry_failed: true });
			expect(ok.output[0].json).toMatchObject({ batch_call_id: 'batch_p', name: 'Renamed', max_calls_per_day: 50 });
			expect(truedy.sim.batchCalls.get('batch_p')!.name).toBe('Renamed');

			const refused = await run({ operation: 'update', batchCallId: 'batch_a', updateFields: { name: 'X' } }, contacts({}));
			expect(refused.error?.message).toBe(
				'Truedy refused the request (HTTP 400): invalid_status: Batch call is active; it can be edited only while draft, scheduled or paused ({"status":"active"})',
			);
			expect(refused.error?.description).toBe(
				"See Truedy's message; a batch call's status limits what can be done: edit while draft, scheduled or paused; pause while active or scheduled; resume while paused.",
			);
			expect(truedy.sim.batchCalls.get('batch_a')!.name).toBe('Batch batch_a');
			noSecrets(refused);
		});

		it('sends the calling window checked and converted (HH:MM, working days sorted, IANA zone)', async () => {
			truedy.sim.addBatchCall('batch_w', 'draft');
			const result = await run(
				{ operation: 'update', batchCallId: 'batch_w', updateFields: { start_time: '08:30', end_time: '18:00', working_days: [5, 1, 3], phone_number_ids: 'num_1, num_2' } },
				contacts({}),
			);
			expect(result.error).toBeUndefined();
			expect(truedy.sim.received('PATCH', /batch_w$/)[0].body).toEqual({
				start_time: '08:30',
				end_time: '18:00',
				working_days: [1, 3, 5],
				phone_number_ids: ['num_1', 'num_2'],
			});
		});

		it('refuses an update with nothing to change, or a bad time, before sending', async () => {
			truedy.sim.addBatchCall('batch_n', 'draft');
			const empty = await run({ operation: 'update', batchCallId: 'batch_n', updateFields: {} }, contacts({}));
			expect(empty.error?.message).toBe('Nothing to update: add at least one field under Update Fields');
			const badTime = await run({ operation: 'update', batchCallId: 'batch_n', updateFields: { start_time: '25:00' } }, contacts({}));
			expect(badTime.error?.message).toBe('Start Time must be HH:MM (24-hour), got "25:00"');
			expect(truedy.sim.received('PATCH', /batch_n$/)).toHaveLength(0);
		});

		it('names an unknown batch call and what to check', async () => {
			const result = await run({ operation: 'update', batchCallId: 'batch_nope', updateFields: { name: 'X' } }, contacts({}));
			expect(result.error?.message).toBe(
				'Truedy refused the request (HTTP 404): not_found: Batch call not found ({"resource":"batch_call","id":"batch_nope"})',
			);
			expect(result.error?.description).toBe('No batch call batch_nope on this Truedy account: check the Batch Call ID.');
		});

		it('an unreadable 2xx is an error, not a successful item', async () => {
			truedy.sim.addBatchCall('batch_t', 'paused');
			truedy.sim.injectFaults([{ kind: 'replaceAnswer', status: 200, rawBody: '{"data": {"id": "batch_t", "na' }], /batch_t$/);
			const result = await run({ operation: 'update', batchCallId: 'batch_t', updateFields: { name: 'Renamed' } }, contacts({}));
			expect(result.output).toEqual([]);
			expect(result.error?.message).toBe('Truedy answered HTTP 200 with "{"data": {"id": "batch_t", "na", which could not be read');
		});
	});
});
