import type { INodeProperties } from 'n8n-workflow';

import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as upsert from './upsert.operation';

export { deleteContact as delete, get, getMany, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update contacts in a campaign that may call them',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact from a campaign',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact by its UUID or external ID',
				action: 'Get a contact',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the contacts of a campaign with their attempts',
				action: 'Get many contacts',
			},
		],
		default: 'upsert',
	},
	...upsert.description,
	...getMany.description,
	...get.description,
	...deleteContact.description,
];
