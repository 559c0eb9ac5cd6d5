import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdOf, campaignIdProperty } from '../../helpers/identifiers';
import { dataOf, osviClient } from '../../transport';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['getStatus'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdOf(this, this.getNodeParameter('campaignId', itemIndex, ''), itemIndex);
		const body = await osviClient.request(
			this,
			{ method: 'GET', path: `/v1/campaigns/${encodeURIComponent(String(campaignId))}/status` },
			{ itemIndex, notFound: `No campaign ${campaignId} on this OSVI account: check the Campaign ID.` },
		);
		return { campaign_id: campaignId, ...dataOf(body) };
	});
}
