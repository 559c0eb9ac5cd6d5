import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from '../../shared/resourceLocator';

/** The Campaign ID parameter of every operation on one campaign (campaign and lead resources). */
export const campaignIdProperty: INodeProperties = listOrIdLocator({
	displayName: 'Campaign',
	name: 'campaignId',
	description:
		'The OSMTalk campaign: pick it from the list (an operation that accepts campaigns only in some states lists only those; type a state such as "running" to filter by it), or give its ID',
	searchListMethod: 'searchCampaigns',
	listPlaceholder: 'Select a campaign…',
	idPlaceholder: 'e.g. cmp_1234',
});

/** Sent as ISO weekday numbers, 1 = Monday. */
const WEEKDAY_OPTIONS = [
	{ name: 'Monday', value: 1 },
	{ name: 'Tuesday', value: 2 },
	{ name: 'Wednesday', value: 3 },
	{ name: 'Thursday', value: 4 },
	{ name: 'Friday', value: 5 },
	{ name: 'Saturday', value: 6 },
	{ name: 'Sunday', value: 7 },
];

/** Fields shared by Create (Additional Fields) and Update (Update Fields), besides name/agent/phone number. */
export const optionalCampaignFields: INodeProperties[] = [
	{
		displayName: 'Agent Version',
		name: 'agentVersion',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		description: "Version of the agent to call with; left out, OSMTalk uses the agent's current version",
	},
	{
		displayName: 'Retry Policy',
		name: 'retryPolicy',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Retry Policy',
		description: 'How often and when a lead is called again',
		options: [
			{
				displayName: 'Retry Policy',
				name: 'value',
				values: [
					{
						displayName: 'Max Attempts',
						name: 'maxAttempts',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 3,
						description: 'Calls to a lead at most, the first one included',
					},
					{
						displayName: 'Backoff Minutes',
						name: 'backoffMinutes',
						type: 'number',
						typeOptions: { minValue: 1, numberPrecision: 0 },
						default: 60,
						description: 'Minutes to wait before calling a lead again',
					},
					{
						displayName: 'Retry On',
						name: 'retryOn',
						type: 'multiOptions',
						options: [
							{ name: 'Busy', value: 'busy' },
							{ name: 'Failed', value: 'failed' },
							{ name: 'No Answer', value: 'no_answer' },
							{ name: 'Voicemail', value: 'voicemail' },
						],
						default: ['no_answer', 'busy'],
						description: 'Call outcomes after which the lead is called again',
					},
				],
			},
		],
	},
	{
		displayName: 'Schedule',
		name: 'schedule',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Schedule',
		description: 'When calls may be placed: a daily window on chosen weekdays, in a time zone',
		options: [
			{
				displayName: 'Schedule',
				name: 'value',
				values: [
					{
						displayName: 'Timezone',
						name: 'timezone',
						type: 'string',
						default: 'Asia/Kolkata',
						placeholder: 'Asia/Kolkata',
						description: 'IANA time zone of the calling window, e.g. Asia/Kolkata or America/New_York',
					},
					{
						displayName: 'Window Start',
						name: 'windowStart',
						type: 'string',
						default: '09:00',
						placeholder: '09:00',
						description: 'Time of day calls may start, as HH:MM (24-hour)',
					},
					{
						displayName: 'Window End',
						name: 'windowEnd',
						type: 'string',
						default: '19:00',
						placeholder: '19:00',
						description: 'Time of day calls must stop, as HH:MM (24-hour), after Window Start',
					},
					{
						displayName: 'Weekdays',
						name: 'weekdays',
						type: 'multiOptions',
						options: WEEKDAY_OPTIONS,
						default: [1, 2, 3, 4, 5],
						description: 'Days calls may be placed (sent as 1 = Monday … 7 = Sunday)',
					},
				],
			},
		],
	},
	{
		displayName: 'Scheduled Start At',
		name: 'scheduledStartAt',
		type: 'dateTime',
		default: '',
		description:
			"When Start should begin calling; until then the campaign is scheduled. A time without an offset is read in the schedule's time zone, else in the workflow's.",
	},
	{
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'https://your-crm.example.com/webhooks/osmtalk',
		description: "Where OSMTalk posts each lead's outcome; left out, the organisation's default webhook is used",
	},
];

export const maxConcurrentProperty: INodeProperties = {
	displayName: 'Max Concurrent',
	name: 'maxConcurrent',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
	default: 5,
	description: 'Calls the campaign may have in progress at once (1–50)',
};


/** Simplify keeps the campaign's identity, state and the documented fields that say who calls, how fast and when. */
export const SIMPLE_CAMPAIGN_FIELDS = ['id', 'name', 'status', 'agentId', 'phoneNumberId', 'maxConcurrent', 'scheduledStartAt'] as const;
