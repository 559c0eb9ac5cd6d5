import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { appendUpTo, limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';
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
				description: 'Only campaigns in one of these statuses (Anyreach filters by one status: one request is sent per status)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/**
 * Anyreach documents one `status` filter: several statuses are one request per status, merged in
 * the order chosen (each campaign once), up to Limit. Each answer is also filtered here, so the
 * result holds only what was asked even if a filter is not applied.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const { name, status } = this.getNodeParameter('filters', itemIndex, {}) as { name?: string; status?: string[] };
		const wanted = wantedCount(this, itemIndex);
		const statuses = [...new Set(status ?? [])];
		const request = (qs: IDataObject) => ({ method: 'GET' as const, path: '/campaign/campaigns', qs: name ? { ...qs, name } : qs });
		if (statuses.length === 0) return await readCursorPages(this, request({}), wanted, itemIndex, 'listing campaigns');
		const results: IDataObject[] = [];
		const seen = new Set<unknown>();
		for (const one of statuses) {
			if (results.length >= wanted) break;
			const page = await readCursorPages(this, request({ status: one }), wanted - results.length, itemIndex, `listing ${one} campaigns`, (campaign) =>
				campaign.status === one && !seen.has(campaign.id),
			);
			for (const campaign of page) seen.add(campaign.id);
			appendUpTo(results, page, wanted);
		}
		return results;
	});
}
