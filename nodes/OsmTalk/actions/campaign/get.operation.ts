import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { simplifyIfAsked, simplifyProperty } from '../../../shared/simplify';
import { SIMPLE_CAMPAIGN_FIELDS, campaignIdProperty } from '../../descriptions/campaignFields';
import { campaignFromAnswer } from '../../helpers/answerContents';
import { campaignIdParameter, campaignPath } from '../../helpers/campaignId';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [campaignIdProperty, simplifyProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		const doing = `reading campaign "${campaignId}"`;
		const answer = await osmTalkClient.request(
			this,
			{ method: 'GET', path: campaignPath(campaignId) },
			{ itemIndex, doing, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` },
		);
		return simplifyIfAsked(this, itemIndex, [campaignFromAnswer(this.getNode(), answer, { doing, itemIndex })], SIMPLE_CAMPAIGN_FIELDS);
	});
}
