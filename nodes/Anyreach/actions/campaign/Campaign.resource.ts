import type { INodeProperties } from 'n8n-workflow';

import * as close from './close.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStats from './getStats.operation';
import * as pause from './pause.operation';
import * as start from './start.operation';
import * as update from './update.operation';

export { close, create, get, getMany, getStats, pause, start, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Close',
				value: 'close',
				description: 'Close a campaign permanently; a closed campaign cannot be restarted',
				action: 'Close a campaign for good',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a campaign; it starts active, so its contacts are called (real calls)',
				action: 'Create a campaign that starts calling',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a campaign by its UUID or external ID',
				action: 'Get a campaign',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List campaigns, filtered by name or status',
				action: 'Get many campaigns',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				description: 'Get the contact counts, attempt counts and active calls of a campaign',
				action: 'Get the stats of a campaign',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Pause an active campaign: no new calls until it is started again',
				action: 'Pause a campaign and hold its calls',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start a campaign or resume a paused one: its contacts are called (real calls)',
				action: 'Start a campaign and place real calls',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the fields of a campaign',
				action: 'Update a campaign',
			},
		],
		default: 'create',
	},
	...close.description,
	...create.description,
	...get.description,
	...getMany.description,
	...getStats.description,
	...pause.description,
	...start.description,
	...update.description,
];
