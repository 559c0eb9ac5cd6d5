import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';
import { readCursorPages } from '../../transport';

const properties: INodeProperties[] = [returnAllProperty, limitProperty];

const displayOptions = { show: { resource: ['configuration'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		// Paging is not documented for this list: a cursor in the answer is followed, as for campaigns.
		return await readCursorPages(this, { method: 'GET', path: '/campaign/configurations' }, wantedCount(this, itemIndex), itemIndex, 'listing configurations');
	});
}
