import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { osmTalkRequest } from '../../transport';
import { campaignIdParameter, campaignIdProperty, campaignPath } from './common';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['getReport'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		const body = (await osmTalkRequest.call(
			this,
			{ method: 'GET', path: campaignPath(campaignId, '/report') },
			{ itemIndex, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` },
		)) as IDataObject | null;
		// Documented shape: { campaign, counts: { byStatus, byDisposition } }.
		const counts = (body?.counts ?? {}) as IDataObject;
		return {
			...(body ?? {}),
			campaign: body?.campaign ?? { id: campaignId },
			counts: { ...counts, byStatus: counts.byStatus ?? {}, byDisposition: counts.byDisposition ?? {} },
		};
	});
}
