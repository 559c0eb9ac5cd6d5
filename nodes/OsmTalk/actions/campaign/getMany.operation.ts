import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { simplifyIfAsked, simplifyProperty } from '../../../shared/simplify';
import { SIMPLE_CAMPAIGN_FIELDS } from '../../descriptions/campaignFields';
import { listFromAnswer } from '../../helpers/answerContents';
import { osmTalkClient } from '../../transport';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';

const properties: INodeProperties[] = [
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
					{ name: 'Completed', value: 'completed' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Paused', value: 'paused' },
					{ name: 'Running', value: 'running' },
					{ name: 'Scheduled', value: 'scheduled' },
				],
				default: 'running',
				description: 'Only campaigns in this state',
			},
		],
	},
	simplifyProperty,
];

const displayOptions = { show: { resource: ['campaign'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const { status } = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
		const qs: IDataObject = {};
		if (status) qs.status = status;
		// The list is documented without pagination: one request returns every campaign.
		const doing = 'listing campaigns';
		const body = await osmTalkClient.request(this, { method: 'GET', path: '/api/campaigns', qs }, { itemIndex, doing });
		const campaigns = listFromAnswer(this.getNode(), body, 'campaigns', { doing, itemIndex });
		return simplifyIfAsked(this, itemIndex, campaigns.slice(0, wantedCount(this, itemIndex)), SIMPLE_CAMPAIGN_FIELDS);
	});
}
