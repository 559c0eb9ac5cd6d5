import type { INodeProperties } from 'n8n-workflow';

import * as createOrUpdate from './createOrUpdate.operation';
import * as uploadFile from './uploadFile.operation';

export { createOrUpdate, uploadFile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create or Update with Contacts',
				value: 'createOrUpdate',
				description: 'Create a campaign, or add to the one of that name, with contacts from input items or a CSV file; a scheduled campaign calls them (real calls)',
				action: 'Create or update a campaign with contacts to be called',
			},
			{
				name: 'Upload File',
				value: 'uploadFile',
				description: 'Send a CSV or Excel file of contacts to a new or existing campaign; a scheduled campaign calls them (real calls)',
				action: 'Upload a file of contacts to be called to a campaign',
			},
		],
		default: 'createOrUpdate',
	},
	...createOrUpdate.description,
	...uploadFile.description,
];
