import type { INodeProperties } from 'n8n-workflow';

import * as addContacts from './addContacts.operation';
import * as create from './create.operation';
import * as deleteMany from './deleteMany.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';
import * as schedule from './schedule.operation';
import * as update from './update.operation';

export { addContacts, create, deleteMany, pause, resume, schedule, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['batchCall'] } },
		options: [
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description: 'Add contacts from input items or a CSV file to a batch call; a running batch call calls them (real calls)',
				action: 'Add contacts to a batch call that may call them',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a batch call, with the input items or a CSV file as its contacts; an immediate one starts calling them (real calls)',
				action: 'Create a batch call that may start calling',
			},
			{
				name: 'Delete Many',
				value: 'deleteMany',
				description: 'Delete several batch calls at once',
				action: 'Delete many batch calls',
			},
			{
				name: 'Pause',
				value: 'pause',
				description: 'Hold the calls not yet placed of an active or scheduled batch call',
				action: 'Pause a batch call and hold its calls',
			},
			{
				name: 'Resume',
				value: 'resume',
				description: 'Continue a paused batch call: its contacts are called again (real calls)',
				action: 'Resume a batch call and place real calls',
			},
			{
				name: 'Start or Schedule',
				value: 'schedule',
				description: 'Start a batch call now, or schedule its start: its contacts are called (real calls)',
				action: 'Start or schedule a batch call and place real calls',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the name, numbers or schedule of a batch call',
				action: 'Update a batch call',
			},
		],
		default: 'addContacts',
	},
	...addContacts.description,
	...create.description,
	...deleteMany.description,
	...pause.description,
	...resume.description,
	...schedule.description,
	...update.description,
];
