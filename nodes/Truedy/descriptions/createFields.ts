import type { INodeProperties } from 'n8n-workflow';

import { settingsFields } from './batchCall';

/** Create's Additional Fields: where Truedy takes contacts from, the schedule and the settings. */
export const createFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Contact Folder ID',
			name: 'contact_folder_id',
			type: 'string',
			default: '',
			description: 'Truedy contact folder whose contacts are copied into the batch call (with Contact Source: Folder)',
		},
		{
			displayName: 'Contact IDs',
			name: 'contact_ids',
			type: 'string',
			default: '',
			placeholder: 'ctc_aaaa, ctc_bbbb',
			description: 'Existing Truedy contact IDs to add, separated by commas',
		},
		{
			displayName: 'Contact Source',
			name: 'contact_source',
			type: 'options',
			options: [
				{ name: 'CSV', value: 'csv' },
				{ name: 'Folder', value: 'folder' },
				{ name: 'Manual', value: 'manual' },
			],
			default: 'manual',
			description: 'Where Truedy records the contacts as coming from; inline contacts default to Manual',
		},
		...settingsFields('create'),
		{
			displayName: 'Schedule Type',
			name: 'schedule_type',
			type: 'options',
			options: [
				{ name: 'Immediate', value: 'immediate' },
				{ name: 'Scheduled', value: 'scheduled' },
			],
			default: 'immediate',
			description: 'Whether the batch call starts at once or at Scheduled At',
		},
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: 'UTC',
			placeholder: 'America/New_York',
			description: 'IANA timezone of the schedule and the daily calling window',
		},
	].sort((a, b) => a.displayName.localeCompare(b.displayName)) as INodeProperties[],
};
