import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { truedyRequest } from '../../transport';
import { listParameter, requestOptionsProperty, sendOptionsOf } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Batch Call IDs',
		name: 'batchCallIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'batch_m1n2o3p4, batch_a1b2c3d4',
		description: 'IDs of the batch calls to delete, separated by commas (or an array from an expression)',
	},
	requestOptionsProperty,
];

const displayOptions = { show: { resource: ['batchCall'], operation: ['deleteMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const sendOptions = sendOptionsOf(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const ids = [...new Set(listParameter(this.getNodeParameter('batchCallIds', itemIndex, '')))];
		if (ids.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Batch Call IDs is empty: give at least one ID', { itemIndex });
		}
		return await truedyRequest.call(
			this,
			{ method: 'POST', path: '/batch-calls/bulk-delete', body: { ids } },
			{ ...sendOptions, itemIndex },
		);
	});
}
