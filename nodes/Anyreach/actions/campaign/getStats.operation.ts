import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest, idSegment } from '../../transport';
import { campaignIdProperty } from '../common';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['getStats'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const body = await anyreachRequest.call(
			this,
			{ method: 'GET', path: `/campaign/campaigns/${campaignId}/stats` },
			itemIndex,
		);
		return { campaignId: decodeURIComponent(campaignId), ...body };
	});
}
