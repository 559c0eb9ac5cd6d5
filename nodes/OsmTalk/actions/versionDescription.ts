import type { INodeProperties } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as doNotCall from './doNotCall/DoNotCall.resource';
import * as lead from './lead/Lead.resource';

/** The node's parameters: the resource selector, then each resource's operations. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Campaign', value: 'campaign' },
			{ name: 'Do Not Call', value: 'doNotCall' },
			{ name: 'Lead', value: 'lead' },
		],
		default: 'campaign',
	},
	...campaign.description,
	...lead.description,
	...doNotCall.description,
];
