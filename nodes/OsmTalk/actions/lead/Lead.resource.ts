import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getMany from './getMany.operation';

export { add, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Upload leads from input items or a CSV file to a draft campaign; they are called once it starts (real calls)',
				action: 'Add leads to a campaign to be called',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the leads of a campaign, optionally with one status',
				action: 'Get many leads of a campaign',
			},
		],
		default: 'add',
	},
	...add.description,
	...getMany.description,
];
