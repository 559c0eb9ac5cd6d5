import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest, idSegment } from '../../transport';
import { campaignIdProperty } from '../common';
import { contactIdProperty } from './get.operation';

const properties: INodeProperties[] = [
	{ ...campaignIdProperty, description: 'The campaign UUID or its external_id; "default" for an ad-hoc contact' },
	contactIdProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const contactId = idSegment(this, 'contactId', 'Contact ID', itemIndex);
		const body = await anyreachRequest.call(
			this,
			{ method: 'DELETE', path: `/campaign/campaigns/${campaignId}/contacts/${contactId}` },
			itemIndex,
		);
		return {
			deleted: true,
			campaignId: decodeURIComponent(campaignId),
			contactId: decodeURIComponent(contactId),
			...body,
		};
	});
}
