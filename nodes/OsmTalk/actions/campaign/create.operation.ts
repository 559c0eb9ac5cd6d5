import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { maxConcurrentProperty, optionalCampaignFields } from '../../descriptions/campaignFields';
import { campaignFromAnswer } from '../../helpers/answerContents';
import { campaignBody } from '../../helpers/campaignBody';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Q2 Renewals',
		description: 'Name of the campaign',
	},
	{
		displayName: 'Agent ID',
		name: 'agentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'agent_xxx',
		description: 'The OSMTalk agent that places the calls',
	},
	{
		displayName: 'Phone Number ID',
		name: 'phoneNumberId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'pn_xxx',
		description: 'The OSMTalk phone number the calls are made from',
	},
	maxConcurrentProperty,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalCampaignFields,
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const fields: IDataObject = {
			name: this.getNodeParameter('name', itemIndex),
			agentId: this.getNodeParameter('agentId', itemIndex),
			phoneNumberId: this.getNodeParameter('phoneNumberId', itemIndex),
			maxConcurrent: this.getNodeParameter('maxConcurrent', itemIndex),
			...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
		};
		const body = campaignBody(this, itemIndex, fields);
		const doing = 'creating the campaign';
		// A second POST creates a second campaign: retried only where the first cannot have arrived.
		const answer = await osmTalkClient.request(this, { method: 'POST', path: '/api/campaigns', body, repeat: 'unsafe' }, { itemIndex, doing });
		return campaignFromAnswer(this.getNode(), answer, { doing, itemIndex, changed: true });
	});
}
