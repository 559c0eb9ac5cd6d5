import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { truedyRequest } from '../../transport';
import { batchCallIdParameter, batchCallIdProperty, requestOptionsProperty, sendOptionsOf } from './common';

const properties: INodeProperties[] = [
	batchCallIdProperty,
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		default: '',
		description: 'When to start; left empty, the batch call starts now',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'America/New_York',
		description: 'IANA timezone of Scheduled At; left empty, the batch call keeps its own',
	},
	requestOptionsProperty,
];

const displayOptions = { show: { resource: ['batchCall'], operation: ['schedule'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const sendOptions = sendOptionsOf(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const id = batchCallIdParameter(this, itemIndex);
		const scheduledAt = String(this.getNodeParameter('scheduledAt', itemIndex, '') ?? '').trim();
		const timezone = String(this.getNodeParameter('timezone', itemIndex, '') ?? '').trim();
		const body: IDataObject = {};
		if (scheduledAt !== '') {
			if (Number.isNaN(Date.parse(scheduledAt))) {
				throw new NodeOperationError(this.getNode(), `Scheduled At must be a date and time (ISO 8601), got "${scheduledAt}"`, { itemIndex });
			}
			body.scheduled_at = scheduledAt;
		}
		if (timezone !== '') body.timezone = timezone;
		const data = await truedyRequest.call(
			this,
			{ method: 'POST', path: `/batch-calls/${encodeURIComponent(id)}/schedule`, body },
			{ ...sendOptions, itemIndex },
		);
		return { batch_call_id: id, ...data };
	});
}
