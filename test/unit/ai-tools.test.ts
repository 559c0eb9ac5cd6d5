/**
 * The action nodes as AI Agent tools: n8n builds a tool's description from the chosen operation's
 * `action` ("<action> in <node>", n8n-workflow's own getToolDescriptionForNode), so every operation
 * that makes the provider dial must say so there, and the fields a model fills with $fromAI() must
 * accept expressions.
 */
import { NodeHelpers, type INode, type INodeProperties, type INodeType } from 'n8n-workflow';

import { Anyreach } from '../../nodes/Anyreach/Anyreach.node';
import { OsmTalk } from '../../nodes/OsmTalk/OsmTalk.node';
import { Osvi } from '../../nodes/Osvi/Osvi.node';
import { Truedy } from '../../nodes/Truedy/Truedy.node';
import { VoiceGenie } from '../../nodes/VoiceGenie/VoiceGenie.node';

const NODES: INodeType[] = [new Osvi(), new Anyreach(), new Truedy(), new VoiceGenie(), new OsmTalk()];

/** Operations after which the provider places calls (at once or once the campaign runs). */
const DIALS: Record<string, string[]> = {
	osvi: ['campaign.addContacts'],
	anyreach: ['campaign.create', 'campaign.start', 'contact.upsert'],
	truedy: ['batchCall.addContacts', 'batchCall.create', 'batchCall.resume', 'batchCall.schedule'],
	voiceGenie: ['campaign.createOrUpdate', 'campaign.uploadFile'],
	osmTalk: ['campaign.start', 'campaign.resume', 'lead.add'],
};

/** Fields an agent fills: the campaign, the contact's phone and name. */
const MODEL_FIELDS = /^(campaignId|agentUuid|batchCallId|phone|phoneNumber|contactId)$|^fieldMapping$/;

function operations(nodeType: INodeType): Array<{ resource: string; operation: string; action: string }> {
	const found = [];
	for (const property of nodeType.description.properties) {
		if (property.name !== 'operation' || property.type !== 'options') continue;
		for (const resource of (property.displayOptions?.show?.resource as string[]) ?? []) {
			for (const option of property.options as Array<{ value: string; action?: string }>) found.push({ resource, operation: option.value, action: option.action ?? '' });
		}
	}
	return found;
}

describe.each(NODES.map((nodeType) => [nodeType.description.displayName, nodeType] as const))('%s as an AI tool', (_, nodeType) => {
	const { description } = nodeType;

	test('is usable as a tool, and every operation has an action', () => {
		expect(description.usableAsTool).toBe(true);
		for (const { action } of operations(nodeType)) expect(action).not.toBe('');
	});

	test("n8n's tool description names the operation and, for one that dials, the calls", () => {
		const dials = DIALS[description.name];
		expect(dials).toBeDefined();
		for (const { resource, operation, action } of operations(nodeType)) {
			const node = { name: description.defaults.name, parameters: { resource, operation } } as unknown as INode;
			const toolDescription = NodeHelpers.getToolDescriptionForNode(node, nodeType);
			expect(toolDescription).toBe(`${action} in ${description.defaults.name}`);
			if (dials.includes(`${resource}.${operation}`)) expect(toolDescription).toMatch(/call/);
		}
		for (const dialing of dials) expect(operations(nodeType).map((o) => `${o.resource}.${o.operation}`)).toContain(dialing);
	});

	test('the fields a model fills accept an expression ($fromAI)', () => {
		const fields = description.properties.filter((property: INodeProperties) => MODEL_FIELDS.test(property.name));
		expect(fields.length).toBeGreaterThan(0);
		for (const field of fields) expect(field.noDataExpression).not.toBe(true);
	});
});
