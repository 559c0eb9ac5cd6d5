import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdProperty } from '../../descriptions/campaign';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		return await anyreachClient.request(
			this,
			{ method: 'GET', path: `/campaign/campaigns/${campaignId}` },
			{ itemIndex, notFound: `No campaign "${decodeURIComponent(campaignId)}" in this Anyreach organization: check the Campaign ID (its UUID or external_id).` },
		);
	});
}
