import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

export const campaignProperties: INodeProperties[] = [
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Summer Sale Campaign',
		description: 'The campaign to create, or to add the contacts to when a campaign of this name exists',
	},
	{
		displayName: 'Script ID',
		name: 'scriptId',
		type: 'string',
		default: '',
		placeholder: 'script_123',
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

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 5,
	description: 'Retries of a request that got 408, 429, 5xx or a network error, with exponential backoff; Retry-After is honoured',
};

/** campaign_name, script_id and schedule_time as VoiceGenie takes them, checked. */
export function campaignFields(context: IExecuteFunctions, parameters: IDataObject, itemIndex: number): IDataObject {
	const name = String(parameters.campaignName ?? '').trim();
	if (name === '') throw new NodeOperationError(context.getNode(), 'Campaign Name is empty', { itemIndex });
	const fields: IDataObject = { campaign_name: name };
	const scriptId = String(parameters.scriptId ?? '').trim();
	if (scriptId !== '') fields.script_id = scriptId;
	const scheduleTime = String(parameters.scheduleTime ?? '').trim();
	if (scheduleTime !== '') {
		const at = Date.parse(scheduleTime);
		if (Number.isNaN(at)) {
			throw new NodeOperationError(context.getNode(), `Schedule Time must be a date and time (ISO 8601), got "${scheduleTime}"`, { itemIndex });
		}
		// VoiceGenie's example is UTC with a Z; a date and time without a zone is read as UTC.
		const hasZone = /(z|[+-]\d\d:?\d\d)$/i.test(scheduleTime);
		const utc = hasZone ? NaN : Date.parse(`${scheduleTime}Z`);
		fields.schedule_time = Number.isNaN(utc) ? scheduleTime : new Date(utc).toISOString();
	}
	return fields;
}
