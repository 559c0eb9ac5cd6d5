import type { INodeProperties } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';

/** The node's parameters: the resource selector, then each resource's operations. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Campaign', value: 'campaign' }],
		default: 'campaign',
	},
	...campaign.description,
];
