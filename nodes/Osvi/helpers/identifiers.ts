import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

// OSVI documents no list of campaigns or agents, so these IDs are typed: their fields start empty
// (a 0 or a real-looking agent would read as filled in) and are checked before anything is sent.

export const campaignIdProperty: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 1234',
	description: "The OSVI campaign's numeric ID, from the campaign's page in the OSVI dashboard",
};

export const agentUuidProperty: INodeProperties = {
	displayName: 'Agent UUID',
	name: 'agentUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. agent_AbCd…',
	description: "The agent's UUID (agent_…), from the agent's page in the OSVI dashboard",
};

/** The campaign's numeric ID: an older workflow stored a number, a newer one text. */
export function campaignIdOf(context: IExecuteFunctions, value: unknown, itemIndex: number): number {
	const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
	if (text === '' || text === '0') {
		throw new NodeOperationError(context.getNode(), `Campaign ID is empty (item ${itemIndex})`, {
			itemIndex,
			description: "Give the OSVI campaign's numeric ID, from the campaign's page in the OSVI dashboard.",
		});
	}
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw new NodeOperationError(context.getNode(), `Campaign ID must be a positive whole number (item ${itemIndex}), got "${text.slice(0, 40)}"`, {
			itemIndex,
			description: "OSVI campaign IDs are numbers, e.g. 1234: take it from the campaign's page in the OSVI dashboard.",
		});
	}
	return Number(text);
}

/** The agent's UUID: any text without spaces or URL delimiters (OSVI documents no format). */
export function agentUuidOf(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '' || text === '0') {
		throw new NodeOperationError(context.getNode(), `Agent UUID is empty (item ${itemIndex})`, {
			itemIndex,
			description: "Give the agent's UUID (agent_…), from the agent's page in the OSVI dashboard.",
		});
	}
	if (/[\s/?#&]/.test(text)) {
		throw new NodeOperationError(context.getNode(), `Agent UUID "${text.slice(0, 40)}" is not an agent UUID (item ${itemIndex})`, {
			itemIndex,
			description: "An agent UUID has no spaces or slashes, e.g. agent_AbCd…: copy it from the agent's page in the OSVI dashboard.",
		});
	}
	return text;
}
