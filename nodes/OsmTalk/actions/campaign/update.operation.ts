import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdProperty, maxConcurrentProperty, optionalCampaignFields } from '../../descriptions/campaignFields';
import { campaignFromAnswer } from '../../helpers/answerContents';
import { campaignBody } from '../../helpers/campaignBody';
import { campaignIdParameter, campaignPath } from '../../helpers/campaignId';
import { EDITABLE_FROM, currentStatus, stateError } from '../../helpers/campaignState';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [
	campaignIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are changed',
		options: ([
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				description: 'The OSMTalk agent that places the calls',
			},
			maxConcurrentProperty,
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the campaign',
			},
			{
				displayName: 'Phone Number ID',
				name: 'phoneNumberId',
				type: 'string',
				default: '',
				description: 'The OSMTalk phone number the calls are made from',
			},
			...optionalCampaignFields,
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const body = campaignBody(this, itemIndex, fields);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one field to Update Fields', { itemIndex });
		}
		// PUT with only the changed fields: OSMTalk documents PUT as "same shape as create (partial allowed)".
		const doing = `updating campaign "${campaignId}"`;
		const session = await osmTalkClient.session(this);
		const result = await session.send({ method: 'PUT', path: campaignPath(campaignId), body });
		if (result.ok && result.response.statusCode < 300) {
			return campaignFromAnswer(this.getNode(), result.response.body, { doing, itemIndex, changed: true });
		}
		if (result.ok && (result.response.statusCode === 400 || result.response.statusCode === 409)) {
			const status = await currentStatus(session, campaignId, result.response.body);
			if (status && !EDITABLE_FROM.includes(status)) {
				throw stateError(this, { what: 'update', hintKey: 'update', campaignId, status, allowedFrom: EDITABLE_FROM, result, itemIndex });
			}
		}
		throw session.error(result, { itemIndex, doing, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` });
	});
}
