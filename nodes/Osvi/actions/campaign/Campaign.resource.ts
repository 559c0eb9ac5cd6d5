import type { INodeProperties } from 'n8n-workflow';

import * as addContacts from './addContacts.operation';
import * as getStatus from './getStatus.operation';

export { addContacts, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description: 'Add contacts from input items or a CSV file to a campaign; with Enqueue on, OSVI starts calling them (real calls)',
				action: 'Add contacts to a campaign that may call them',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get the retry settings, call counts and upload queues of a campaign (read only)',
				action: 'Get the status of a campaign',
			},
		],
		default: 'addContacts',
	},
	...addContacts.description,
	...getStatus.description,
];
