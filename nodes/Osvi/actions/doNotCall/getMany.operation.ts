import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { listOf, osviClient } from '../../transport';
import { agentParameter, agentUuidProperty } from './common';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';

/** OSVI's largest page. */
const MAX_PER_PAGE = 100;

const properties: INodeProperties[] = [
	agentUuidProperty,
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
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Only numbers that contain this text',
			},
		],
	},
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const agentUuid = agentParameter(this, itemIndex);
		const limit = wantedCount(this, itemIndex);
		const { search } = this.getNodeParameter('filters', itemIndex, {}) as { search?: string };
		const perPage = Math.min(MAX_PER_PAGE, limit);
		const results: IDataObject[] = [];
		for (let page = 1; results.length < limit; page++) {
			const qs: IDataObject = { agent_uuid: agentUuid, page, per_page: perPage };
			if (search) qs.search = search;
			const entries = listOf(await osviClient.request(this, { method: 'GET', path: '/v1/dnd_numbers', qs }, { itemIndex }));
			for (const entry of entries.slice(0, limit - results.length)) results.push(entry);
			if (entries.length < perPage) break;
		}
		return results;
	});
}
