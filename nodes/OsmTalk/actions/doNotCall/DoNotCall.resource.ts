import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as addMany from './addMany.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, addMany, getMany, remove };

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
				description: "Add one number to the organisation's Do-Not-Call list",
				action: 'Add a number to the do not call list',
			},
			{
				name: 'Add Many',
				value: 'addMany',
				description: 'Add the numbers of the input items or of a CSV file in bulk; numbers already listed are ignored',
				action: 'Add many numbers to the do not call list',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the numbers on the Do-Not-Call list',
				action: 'Get many numbers on the do not call list',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove an entry from the Do-Not-Call list',
				action: 'Remove a number from the do not call list',
			},
		],
		default: 'add',
	},
	...add.description,
	...addMany.description,
	...getMany.description,
	...remove.description,
];
