import type { INodeProperties } from 'n8n-workflow';

import * as batchCall from './batchCall/BatchCall.resource';

/** The node's parameters: the resource selector, then each resource's operations. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Batch Call', value: 'batchCall' }],
		default: 'batchCall',
	},
	...batchCall.description,
];
