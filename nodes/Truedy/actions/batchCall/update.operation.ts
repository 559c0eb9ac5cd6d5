import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { batchCallIdProperty, requestOptionsProperty, settingsFields } from '../../descriptions/batchCall';
import { batchCallFields, batchCallIdParameter } from '../../helpers/parameters';
import { dataOf, truedyClient } from '../../transport';

const properties: INodeProperties[] = [
	batchCallIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Truedy applies scheduling changes while the batch call is draft, scheduled or paused',
		options: settingsFields('update'),
	},
	requestOptionsProperty,
];

const displayOptions = { show: { resource: ['batchCall'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const id = batchCallIdParameter(this, itemIndex);
		const body = batchCallFields(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
		if (typeof body.name === 'string') {
			body.name = body.name.trim();
			if (body.name === '' || body.name.length > 255) {
				throw new NodeOperationError(this.getNode(), 'Name must be 1–255 characters', { itemIndex });
			}
		}
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one field under Update Fields', { itemIndex });
		}
		const answer = await truedyClient.request(
			this,
			{ method: 'PATCH', path: `/batch-calls/${encodeURIComponent(id)}`, body },
			{ itemIndex, notFound: `No batch call ${id} on this Truedy account: check the Batch Call ID.` },
		);
		return { batch_call_id: id, ...dataOf(answer) };
	});
}
