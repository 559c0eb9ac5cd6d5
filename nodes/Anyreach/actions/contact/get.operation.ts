import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { simplifyIfAsked, simplifyProperty } from '../../../shared/simplify';
import { contactCampaignIdProperty } from '../../descriptions/campaign';
import { SIMPLE_CONTACT_FIELDS, contactIdProperty } from '../../descriptions/contact';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [
	contactCampaignIdProperty,
	contactIdProperty,
	simplifyProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const contactId = idSegment(this, 'contactId', 'Contact ID', itemIndex);
		const contact = await anyreachClient.request(
			this,
			{ method: 'GET', path: `/campaign/campaigns/${campaignId}/contacts/${contactId}` },
			{ itemIndex, notFound: `No contact "${decodeURIComponent(contactId)}" in campaign "${decodeURIComponent(campaignId)}" of this Anyreach organization, or no such campaign: check both IDs.` },
		);
		return Array.isArray(contact) ? contact : simplifyIfAsked(this, itemIndex, [contact], SIMPLE_CONTACT_FIELDS);
	});
}
