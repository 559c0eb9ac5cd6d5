import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignFieldOptions } from '../../descriptions/campaign';
import { campaignBody } from '../../helpers/campaignBody';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'June renewals',
		description: 'The name of the campaign',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: campaignFieldOptions,
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** After a server error the campaign may exist: Anyreach documents no idempotency key, so it is not re-sent. */
const MAY_EXIST = 'Anyreach may have created the campaign before failing; it was not sent again, to avoid a second campaign: check with Get Many before running again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const name = this.getNodeParameter('name', itemIndex) as string;
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as { externalId?: string; otherFields?: unknown };
		const body = campaignBody(this, itemIndex, name, fields);
		// `unsafe`: retried only where Anyreach cannot have acted on it (a 429, no connection made).
		// A new campaign starts active.
		return await anyreachClient.request(
			this,
			{ method: 'POST', path: '/campaign/campaigns', body, repeat: 'unsafe' },
			{ itemIndex, doing: `creating campaign "${String(body.name)}"`, hints: { 500: MAY_EXIST, 502: MAY_EXIST, 504: MAY_EXIST } },
		);
	});
}
