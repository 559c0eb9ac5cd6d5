import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { truedyRequest } from '../../transport';
import { batchCallIdParameter, batchCallIdProperty, requestOptionsProperty, sendOptionsOf } from './common';

const properties: INodeProperties[] = [batchCallIdProperty, requestOptionsProperty];

const displayOptions = { show: { resource: ['batchCall'], operation: ['resume'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const sendOptions = sendOptionsOf(this);
	return await forEachItem.call(this, async (itemIndex) => {
		const id = batchCallIdParameter(this, itemIndex);
		const data = await truedyRequest.call(
			this,
			{ method: 'POST', path: `/batch-calls/${encodeURIComponent(id)}/resume` },
			{ ...sendOptions, itemIndex },
		);
		return { batch_call_id: id, ...data };
	});
}
