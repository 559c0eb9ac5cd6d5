import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignOf, osmTalkRequest } from '../../transport';
import { campaignIdParameter, campaignIdProperty, campaignPath } from './common';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		return campaignOf(
			await osmTalkRequest.call(this, { method: 'GET', path: campaignPath(campaignId) }, { itemIndex, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` }),
		);
	});
}
