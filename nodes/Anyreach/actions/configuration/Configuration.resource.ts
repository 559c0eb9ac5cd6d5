import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteConfiguration from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export { create, deleteConfiguration as delete, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['configuration'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a reusable configuration: calling windows, retry policy, country code, agent',
				action: 'Create a configuration',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a configuration no campaign uses',
				action: 'Delete a configuration',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a configuration',
				action: 'Get a configuration',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the configurations of the organization',
				action: 'Get many configurations',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a configuration',
				action: 'Update a configuration',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteConfiguration.description,
	...get.description,
	...getMany.description,
	...update.description,
];
