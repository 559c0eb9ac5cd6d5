import type { INodeProperties } from 'n8n-workflow';

import { truedyClient } from '../transport';

export const batchCallIdProperty: INodeProperties = {
	displayName: 'Batch Call ID',
	name: 'batchCallId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. batch_1234',
	description: 'The ID of the Truedy batch call (campaign), from the Truedy dashboard or the output of Create; Truedy documents no list to pick it from',
};

/** The Options collection of the operations that send one request per item. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: truedyClient.options(),
};

/** The batch-call settings Create and Update share (Truedy's documented names), for their collections. */
export function settingsFields(operation: 'create' | 'update'): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'End Time',
			name: 'end_time',
			type: 'string',
			default: '',
			placeholder: '17:00',
			description: 'Daily end of the calling window, HH:MM',
		},
		{
			displayName: 'Max Calls per Day',
			name: 'max_calls_per_day',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 100,
			description: 'Calls to place per day, capped by your Truedy billing tier',
		},
		{
			displayName: 'Phone Number IDs',
			name: 'phone_number_ids',
			type: 'string',
			default: '',
			placeholder: 'num_1111, num_2222',
			description: "Truedy phone number IDs to call from, separated by commas; left empty, the agent's numbers are used",
		},
		{
			displayName: 'Phone Rotation Strategy',
			name: 'phone_rotation_strategy',
			type: 'options',
			options: [
				{ name: 'Random', value: 'random' },
				{ name: 'Round Robin', value: 'round_robin' },
				{ name: 'Sequential', value: 'sequential' },
			],
			default: 'random',
			description: 'How the outbound phone numbers take turns',
		},
		{
			displayName: 'Retry Failed',
			name: 'retry_failed',
			type: 'boolean',
			default: false,
			description: 'Whether Truedy retries failed calls automatically',
		},
		{
			displayName: 'Scheduled At',
			name: 'scheduled_at',
			type: 'dateTime',
			default: '',
			description:
				operation === 'create'
					? 'When the batch call starts; required when Schedule Type is Scheduled'
					: 'New start of the batch call; Truedy redistributes contacts that are not completed',
		},
		{
			displayName: 'Start Time',
			name: 'start_time',
			type: 'string',
			default: '',
			placeholder: '09:00',
			description: 'Daily start of the calling window, HH:MM',
		},
		{
			displayName: 'Working Days',
			name: 'working_days',
			type: 'multiOptions',
			options: [
				{ name: 'Friday', value: 5 },
				{ name: 'Monday', value: 1 },
				{ name: 'Saturday', value: 6 },
				{ name: 'Sunday', value: 7 },
				{ name: 'Thursday', value: 4 },
				{ name: 'Tuesday', value: 2 },
				{ name: 'Wednesday', value: 3 },
			],
			default: [],
			description: 'Days on which calls are placed',
		},
	];
	if (operation === 'update') {
		fields.unshift({
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			description: 'New name of the batch call (1–255 characters)',
		});
	}
	return fields;
}
