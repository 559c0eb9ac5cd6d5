import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { requestOptionsProperty } from '../../descriptions/batchCall';
import { listParameter } from '../../helpers/parameters';
import { dataOf, truedyClient } from '../../transport';

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
	return await forEachItem.call(this, async (itemIndex) => {
		const ids = [...new Set(listParameter(this.getNodeParameter('batchCallIds', itemIndex, '')))];
		if (ids.length === 0) {
			throw new NodeOperationError(this.getNode(), 'Batch Call IDs is empty: give at least one ID', { itemIndex });
		}
		const body = await truedyClient.request(this, { method: 'POST', path: '/batch-calls/bulk-delete', body: { ids } }, { itemIndex });
		// Truedy's answer is kept as it comes (its fields are not renamed; the shape is not in the
		// documentation). `deleted` is n8n's convention, true only when no ID is reported failed.
		const answer = dataOf(body);
		const failed = answer.failed_ids;
		return Array.isArray(failed) ? { deleted: failed.length === 0, ...answer } : answer;
	});
}
