import type { INodeProperties } from 'n8n-workflow';

/** The campaign an upload goes to: used by Create or Update with Contacts and by Upload File. */
export const campaignProperties: INodeProperties[] = [
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Summer Sale',
		description: 'The campaign to create, or to add the contacts to when a campaign of this name exists',
	},
	{
		displayName: 'Script ID',
		name: 'scriptId',
		type: 'string',
		default: '',
		placeholder: 'e.g. script_1234',
		description: 'The VoiceGenie script the calls follow; needed to create a campaign',
	},
	{
		displayName: 'Schedule Time',
		name: 'scheduleTime',
		type: 'dateTime',
		default: '',
		description: 'When the campaign calls; left empty, VoiceGenie keeps or applies its default',
	},
];
