import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { osviRequest } from '../../transport';
import { agentParameter, agentUuidProperty, phoneParameter, phoneProperty } from './common';

const properties: INodeProperties[] = [agentUuidProperty, phoneProperty];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['remove'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const agentUuid = agentParameter(this, itemIndex);
		const phone = phoneParameter(this, itemIndex);
		const body = await osviRequest.call(
			this,
			{ method: 'DELETE', path: '/v1/dnd_numbers', qs: { agent_uuid: agentUuid, phone } },
			itemIndex,
		);
		return { removed: true, agent_uuid: agentUuid, phone, ...((body.data as IDataObject | undefined) ?? {}) };
	});
}
