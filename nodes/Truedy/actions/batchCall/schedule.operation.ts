import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { batchCallIdProperty, requestOptionsProperty } from '../../descriptions/batchCall';
import { batchCallIdParameter, isDateTime, timeZoneParameter } from '../../helpers/parameters';
import { dataOf, truedyClient } from '../../transport';

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
	return await forEachItem.call(this, async (itemIndex) => {
		const id = batchCallIdParameter(this, itemIndex);
		const scheduledAt = String(this.getNodeParameter('scheduledAt', itemIndex, '') ?? '').trim();
		const timezone = String(this.getNodeParameter('timezone', itemIndex, '') ?? '').trim();
		const body: IDataObject = {};
		if (scheduledAt !== '') {
			if (!isDateTime(scheduledAt)) {
				throw new NodeOperationError(this.getNode(), `Scheduled At must be a date and time (ISO 8601), got "${scheduledAt}"`, { itemIndex });
			}
			body.scheduled_at = scheduledAt;
		}
		if (timezone !== '') body.timezone = timeZoneParameter(this, timezone, itemIndex);
		const answer = await truedyClient.request(
			this,
			{ method: 'POST', path: `/batch-calls/${encodeURIComponent(id)}/schedule`, body },
			{ itemIndex, notFound: `No batch call ${id} on this Truedy account: check the Batch Call ID.` },
		);
		return { batch_call_id: id, ...dataOf(answer) };
	});
}
