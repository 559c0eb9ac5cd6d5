import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignFieldOptions, campaignIdProperty } from '../../descriptions/campaign';
import { campaignBody } from '../../helpers/campaignBody';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [
	campaignIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...campaignFieldOptions,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The new name of the campaign',
			},
		],
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as {
			name?: string;
			externalId?: string;
			otherFields?: unknown;
		};
		const body = campaignBody(this, itemIndex, fields.name, fields);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update', {
				itemIndex,
				description: 'Add at least one field under Update Fields.',
			});
		}
		return await anyreachClient.request(
			this,
			{ method: 'PATCH', path: `/campaign/campaigns/${campaignId}`, body },
			{ itemIndex, doing: 'updating the campaign', notFound: `No campaign "${decodeURIComponent(campaignId)}" in this Anyreach organization: check the Campaign ID (its UUID or external_id).` },
		);
	});
}
