import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { dataOf, osviClient } from '../../transport';
import { agentParameter, agentUuidProperty, phoneParameter, phoneProperty } from './common';

const properties: INodeProperties[] = [
	agentUuidProperty,
	phoneProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Customer asked not to be called',
		description: 'Why the number must not be called',
	},
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['add'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const body = await osviClient.request(
			this,
			{
				method: 'POST',
				path: '/v1/dnd_numbers',
				body: {
					agent_uuid: agentParameter(this, itemIndex),
					phone: phoneParameter(this, itemIndex),
					reason: this.getNodeParameter('reason', itemIndex, '') as string,
				},
			},
			{ itemIndex, doing: "adding a number to the agent's DND list" },
		);
		return dataOf(body);
	});
}
