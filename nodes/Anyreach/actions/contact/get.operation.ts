import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest, idSegment } from '../../transport';
import { campaignIdProperty } from '../common';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '9b2e…-… or crm-4821',
	description: "The contact's Anyreach UUID, or the external_id you gave it (looked up within the campaign)",
};

const properties: INodeProperties[] = [
	{ ...campaignIdProperty, description: 'The campaign UUID or its external_id; "default" for an ad-hoc contact' },
	contactIdProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const contactId = idSegment(this, 'contactId', 'Contact ID', itemIndex);
		return await anyreachRequest.call(
			this,
			{ method: 'GET', path: `/campaign/campaigns/${campaignId}/contacts/${contactId}` },
			itemIndex,
		);
	});
}
