import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';
import { readCursorPages } from '../../transport';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only campaigns whose name contains this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Closed', value: 'closed' },
					{ name: 'Paused', value: 'paused' },
				],
				default: [],
				description: 'Only campaigns in one of these statuses',
			},
		],
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const { name, status } = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; status?: string[] };
		const qs: IDataObject = {};
		if (name) qs.name = name;
		if (status && status.length > 0) qs.status = status;
		return await readCursorPages(this, { method: 'GET', path: '/campaign/campaigns', qs }, wantedCount(this, itemIndex), itemIndex, 'listing campaigns');
	});
}
