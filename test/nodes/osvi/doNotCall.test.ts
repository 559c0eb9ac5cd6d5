import { AGENT, json, runOperation, sim, useOsviSimulator } from './harness';

useOsviSimulator();

describe('OSVI → Do Not Call → Add, Get Many, Remove', () => {
	test('Do Not Call → Add, Get Many (Return All over pages, Limit, Search), Remove', async () => {
		const added = await runOperation('doNotCall', 'add', { agentUuid: AGENT, phone: '={{ $json.phone }}', reason: 'opt-out' }, [
			{ json: { phone: '098765 43210' } },
			{ json: { phone: '+91 98765 00000' } },
		]);
		expect(json(added).map((item) => [item.phone, item.reason, item.agent_uuid])).toEqual([
			['+919876543210', 'opt-out', AGENT],
			['+919876500000', 'opt-out', AGENT],
		]);
		expect(added.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

		const agent = sim.agents.get(AGENT)!;
		for (let i = 0; i < 248; i++) {
			const phone = `+9170000${String(10000 + i)}`;
			agent.dnd.set(phone, { id: 100 + i, phone, reason: '', created_at: '' });
		}
		sim.requests.length = 0;
		const all = await runOperation('doNotCall', 'getMany', {
			agentUuid: AGENT,
			returnAll: true,
		});
		expect(all.output).toHaveLength(250);
		expect(sim.received('GET', /dnd_numbers/).map((request) => [request.query.page, request.query.per_page])).toEqual([
			['1', '100'],
			['2', '100'],
			['3', '100'],
		]);

		sim.requests.length = 0;
		const limited = await runOperation('doNotCall', 'getMany', {
			agentUuid: AGENT,
			returnAll: false,
			limit: 30,
		});
		expect(limited.output).toHaveLength(30);
		expect(sim.received('GET', /dnd_numbers/)).toHaveLength(1);

		const searched = await runOperation('doNotCall', 'getMany', {
			agentUuid: AGENT,
			returnAll: true,
			filters: { search: '98765' },
		});
		expect(json(searched).map((item) => item.phone)).toEqual(['+919876543210', '+919876500000']);

		const removed = await runOperation('doNotCall', 'remove', {
			agentUuid: AGENT,
			phone: '9876543210',
		});
		expect(json(removed)).toEqual([{ deleted: true, agent_uuid: AGENT, phone: '+919876543210' }]);
		expect(agent.dnd.has('+919876543210')).toBe(false);
		const again = await runOperation('doNotCall', 'remove', {
			agentUuid: AGENT,
			phone: '9876543210',
		});
		expect(again.error?.message).toBe(
			"OSVI refused the request while removing a number from the agent's DND list (HTTP 404): dnd_number_not_found",
		);
		expect(again.error?.description).toBe(
			`+919876543210 is not on the DND list of agent ${AGENT}, or the agent is not on this OSVI account.`,
		);
	});

	test('Do Not Call → Add: a bad phone names its item; Continue On Fail keeps the good ones', async () => {
		const result = await runOperation(
			'doNotCall',
			'add',
			{ agentUuid: AGENT, phone: '={{ $json.phone }}' },
			[{ json: { phone: '9876543210' } }, { json: { phone: 'nope' } }],
			true,
		);
		expect(json(result)).toEqual([expect.objectContaining({ phone: '+919876543210' }), { error: 'Phone: "nope" is not a phone number' }]);
		const failing = await runOperation('doNotCall', 'add', { agentUuid: AGENT, phone: '={{ $json.phone }}' }, [
			{ json: { phone: '9876543210' } },
			{ json: { phone: 'nope' } },
		]);
		expect(failing.error?.message).toBe('Phone: "nope" is not a phone number');
		expect(failing.error?.context?.itemIndex).toBe(1);
	});
});
