import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { simplifyIfAsked, simplifyProperty } from '../../../shared/simplify';
import { appendUpTo, limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';
import { campaignIdProperty } from '../../descriptions/campaign';
import { SIMPLE_CONTACT_FIELDS } from '../../descriptions/contact';
import { idSegment } from '../../helpers/idParameter';
import { PAGE_SIZE, anyreachClient, listOf } from '../../transport';

const properties: INodeProperties[] = [
	{
		...campaignIdProperty,
		description: 'The campaign UUID or its external_id; "default" lists the ad-hoc contacts that belong to no campaign',
	},
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
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Completed', value: 'completed' },
					{ name: 'Error', value: 'error' },
					{ name: 'Exhausted', value: 'exhausted' },
					{ name: 'In Progress', value: 'in_progress' },
					{ name: 'Locked', value: 'locked' },
					{ name: 'Pending', value: 'pending' },
				],
				default: 'pending',
				description: 'Only contacts in this status (also checked by the node, as Anyreach does not document this filter)',
			},
		],
	},
	simplifyProperty,
];

const displayOptions = { show: { resource: ['contact'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const wanted = wantedCount(this, itemIndex);
		const { status } = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
		const results: IDataObject[] = [];
		// Limit/offset pagination; the answer echoes total, limit and offset beside `contacts`.
		for (let offset = 0; results.length < wanted; ) {
			const limit = Math.min(PAGE_SIZE, wanted - results.length);
			const qs: IDataObject = { limit, offset };
			if (status) qs.status = status;
			const body = await anyreachClient.request(
				this,
				{ method: 'GET', path: `/campaign/campaigns/${campaignId}/contacts`, qs },
				{ itemIndex, doing: 'listing contacts', notFound: `No campaign "${decodeURIComponent(campaignId)}" in this Anyreach organization: check the Campaign ID (its UUID, external_id or "default").` },
			);
			const entries = listOf(body);
			// The `status` filter is not in Anyreach's documentation: sent, and applied here too.
			appendUpTo(results, status ? entries.filter((contact) => contact.status === status) : entries, wanted);
			offset += entries.length;
			const total = !Array.isArray(body) && typeof body.total === 'number' ? body.total : undefined;
			if (entries.length < limit || (total !== undefined && offset >= total)) break;
		}
		return simplifyIfAsked(this, itemIndex, results, SIMPLE_CONTACT_FIELDS);
	});
}
