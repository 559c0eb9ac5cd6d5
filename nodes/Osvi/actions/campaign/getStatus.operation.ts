import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { osviRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The numeric ID of the OSVI campaign',
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['getStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = this.getNodeParameter('campaignId', itemIndex) as number;
		const body = await osviRequest.call(
			this,
			{ method: 'GET', path: `/v1/campaigns/${encodeURIComponent(String(campaignId))}/status` },
			itemIndex,
		);
		return { campaign_id: campaignId, ...((body.data as IDataObject | undefined) ?? body) };
	});
}
