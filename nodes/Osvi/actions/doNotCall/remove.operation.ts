import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { dataOf, osviClient } from '../../transport';
import { agentParameter, agentUuidProperty, phoneParameter, phoneProperty } from './common';

const properties: INodeProperties[] = [agentUuidProperty, phoneProperty];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['remove'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const agentUuid = agentParameter(this, itemIndex);
		const phone = phoneParameter(this, itemIndex);
		const body = await osviClient.request(
			this,
			{ method: 'DELETE', path: '/v1/dnd_numbers', qs: { agent_uuid: agentUuid, phone } },
			{
				itemIndex,
				doing: "removing a number from the agent's DND list",
				notFound: `${phone} is not on the DND list of agent ${agentUuid}, or the agent is not on this OSVI account.`,
				emptyAnswer: 'allowed',
			},
		);
		// n8n's convention for a delete: `deleted: true`, with what was deleted.
		return { deleted: true, agent_uuid: agentUuid, phone, ...(Array.isArray(body) ? {} : dataOf(body)) };
	});
}
