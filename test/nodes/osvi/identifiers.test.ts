/**
 * OSVI documents no list of campaigns or agents, so Campaign ID and Agent UUID are typed: a fresh
 * node shows them empty with example placeholders, and an empty, 0 or malformed one is refused
 * before anything is sent, naming the field and the item. Older workflows stored the Campaign ID
 * as a number: that still works.
 */
import { loadPackage } from '../../support/engine';
import { AGENT, CAMPAIGN, json, osvi, runOperation, sim, useOsviSimulator } from './harness';

useOsviSimulator();

const contact = [{ json: { name: 'Ravi', phone: '9876543210' } }];

describe('OSVI → typed IDs', () => {
	test('a fresh node shows no 0 and no real-looking agent: empty fields with "e.g." placeholders', async () => {
		const { nodeTypes } = await loadPackage();
		const properties = (nodeTypes.getByNameAndVersion('n8n-nodes-voice-campaigns.osvi', 1).description.properties ?? []).filter((p) =>
			['campaignId', 'agentUuid'].includes(p.name),
		);
		expect(properties.length).toBeGreaterThanOrEqual(3);
		for (const property of properties) {
			expect(property).toMatchObject({ type: 'string', default: '' });
			expect(property.placeholder).toMatch(/^e\.g\. /);
		}
	});

	test('an empty Campaign ID is caught by n8n itself (a required parameter) before the node runs', async () => {
		await expect(osvi({ campaignId: '' }, contact)).rejects.toThrow('Parameter "Campaign ID" is required');
		expect(sim.requests).toHaveLength(0);
	});

	test.each([
		['blank', '  ', 'Campaign ID is empty (item 0)'],
		['0', 0, 'Campaign ID is empty (item 0)'],
		['not a number', 'summer-42', 'Campaign ID must be a positive whole number (item 0), got "summer-42"'],
		['negative', '-3', 'Campaign ID must be a positive whole number (item 0), got "-3"'],
	])('Campaign ID %s is refused before any request, for Add Contacts and Get Status', async (_, campaignId, message) => {
		const added = await osvi({ campaignId }, contact);
		expect(added.error?.message).toBe(message);
		const status = await runOperation('campaign', 'getStatus', { campaignId });
		expect(status.error?.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	test.each([
		['empty', '   ', 'Agent UUID is empty (item 0)'],
		['malformed', 'agent one/two', 'Agent UUID "agent one/two" is not an agent UUID (item 0)'],
	])('Agent UUID %s is refused before any request, for Add Contacts and the DND list', async (_, agentUuid, message) => {
		const added = await osvi({ agentUuid }, contact);
		expect(added.error?.message).toBe(message);
		const listed = await runOperation('doNotCall', 'getMany', { agentUuid, returnAll: true });
		expect(listed.error?.message).toBe(message);
		expect(sim.requests).toHaveLength(0);
	});

	test("an older workflow's numeric Campaign ID and a text one both reach the campaign", async () => {
		const numeric = await osvi({ campaignId: CAMPAIGN }, contact);
		expect(numeric.error).toBeUndefined();
		const text = await runOperation('campaign', 'getStatus', { campaignId: ` ${CAMPAIGN} ` });
		expect(json(text)[0]).toMatchObject({ campaign_id: CAMPAIGN });
		expect(sim.requests.map((request) => request.path)).toEqual([`/v1/campaigns/${CAMPAIGN}/contacts`, `/v1/campaigns/${CAMPAIGN}/status`]);
		expect((sim.requests[0].body as { agent_uuid: string }).agent_uuid).toBe(AGENT);
	});
});
