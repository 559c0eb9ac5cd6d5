import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdProperty } from '../../descriptions/campaignFields';
import { listFromAnswer } from '../../helpers/answerContents';
import { campaignIdParameter, campaignPath } from '../../helpers/campaignId';
import { osmTalkClient } from '../../transport';
import { appendUpTo, limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';

/** GET /api/campaigns/{id}/leads: `limit` is 1–1000. */
const MAX_PAGE = 1000;

const properties: INodeProperties[] = [
	campaignIdProperty,
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Busy', value: 'busy' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'DNC Blocked', value: 'dnc_blocked' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'No Answer', value: 'no_answer' },
					{ name: 'Voicemail', value: 'voicemail' },
				],
				default: 'completed',
				description: 'Only leads with this status. Other values can be given with an expression.',
			},
		],
	},
];

const displayOptions = { show: { resource: ['lead'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		const limit = wantedCount(this, itemIndex);
		const { status } = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
		const leads: IDataObject[] = [];
		for (let offset = 0; leads.length < limit; ) {
			const pageSize = Math.min(MAX_PAGE, limit - leads.length);
			const qs: IDataObject = { limit: pageSize, offset };
			if (status) qs.status = status;
			const doing = `listing the leads of campaign "${campaignId}"`;
			const body = await osmTalkClient.request(
				this,
				{ method: 'GET', path: campaignPath(campaignId, '/leads'), qs },
				{ itemIndex, doing, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` },
			);
			const page = listFromAnswer(this.getNode(), body, 'leads', { doing, itemIndex });
			appendUpTo(leads, page, limit);
			offset += page.length;
			if (page.length < pageSize) break;
		}
		return leads;
	});
}
