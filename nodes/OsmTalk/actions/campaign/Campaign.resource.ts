import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteCampaign from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getReport from './getReport.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';
import * as start from './start.operation';
import * as stop from './stop.operation';
import * as update from './update.operation';

export { create, deleteCampaign as delete, get, getMany, getReport, pause, resume, start, stop, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a draft campaign',
				action: 'Create a campaign',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a draft, completed or failed campaign',
				action: 'Delete a campaign',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a campaign',
				action: 'Get a campaign',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List campaigns, optionally in one state',
				action: 'Get many campaigns',
			},
			{
				name: 'Get Report',
				value: 'getReport',
				description: 'Get lead counts by status and by disposition',
				action: 'Get the report of a campaign',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Pause a running campaign: no new calls until it is resumed',
				action: 'Pause a campaign and hold its calls',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Resume a paused campaign: its leads are called again (real calls)',
				action: 'Resume a campaign and place real calls',
			},
			{
				name: 'Start',
				value: 'start',
				description: 'Start a draft or scheduled campaign: its leads are called (real calls)',
				action: 'Start a campaign and place real calls',
			},
			{
				name: 'Stop',
				value: 'stop',
				description: 'Stop a running, paused or scheduled campaign for good: no more calls, it cannot be restarted',
				action: 'Stop a campaign for good',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change fields of a draft or scheduled campaign',
				action: 'Update a campaign',
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteCampaign.description,
	...get.description,
	...getMany.description,
	...getReport.description,
	...pause.description,
	...resume.description,
	...start.description,
	...stop.description,
	...update.description,
];
