import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { listOf, osmTalkRequest } from '../../transport';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		// The list is documented without query parameters or pagination: one request returns it all.
		const entries = listOf(await osmTalkRequest.call(this, { method: 'GET', path: '/api/campaigns/dnc' }, { itemIndex }), 'entries');
		return entries.slice(0, wantedCount(this, itemIndex));
	});
}
