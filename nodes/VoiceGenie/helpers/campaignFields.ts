import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/** The campaign fields of an upload, as VoiceGenie takes them. */
export interface VoiceGenieCampaign {
	campaign_name: string;
	script_id?: string;
	schedule_time?: string;
}

/** Campaign Name, Script ID and Schedule Time read and checked; an error names the item. */
export function campaignFields(context: IExecuteFunctions, parameters: IDataObject, itemIndex: number): VoiceGenieCampaign {
	const name = String(parameters.campaignName ?? '').trim();
	if (name === '') {
		throw new NodeOperationError(context.getNode(), `Campaign Name is empty (item ${itemIndex})`, {
			itemIndex,
			description: 'Give the name of the campaign to create, or of the existing campaign to add the contacts to.',
		});
	}
	const fields: VoiceGenieCampaign = { campaign_name: name };
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
