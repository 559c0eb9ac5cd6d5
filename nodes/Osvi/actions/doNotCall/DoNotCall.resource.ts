import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, getMany, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['doNotCall'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: "Add a number to an agent's Do-Not-Call list",
				action: 'Add a number to the do not call list',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the numbers on an agent's Do-Not-Call list",
				action: 'Get many numbers on the do not call list',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: "Remove a number from an agent's Do-Not-Call list",
				action: 'Remove a number from the do not call list',
			},
		],
		default: 'add',
	},
	...add.description,
	...getMany.description,
	...remove.description,
];
