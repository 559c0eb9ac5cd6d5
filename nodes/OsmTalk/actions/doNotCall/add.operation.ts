import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { defaultCountryOption, phoneNumberProperty, sourceProperty } from '../../descriptions/doNotCallFields';
import { doNotCallEntryFromAnswer } from '../../helpers/answerContents';
import { phoneNumberParameter, sourceParameter } from '../../helpers/doNotCallEntries';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [
	phoneNumberProperty,
	sourceProperty,
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: '',
		placeholder: 'Customer email opt-out',
		description: 'Why the number must not be called',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [defaultCountryOption],
	},
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['add'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const body: IDataObject = {
			phoneNumber: phoneNumberParameter(this, itemIndex),
			source: sourceParameter(this, itemIndex),
		};
		const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '').trim();
		if (reason !== '') body.reason = reason;
		// Retried like any read: the list holds a number once ("Duplicates ignored"), so a repeat adds nothing.
		const doing = 'adding a number to the Do-Not-Call list';
		const answer = await osmTalkClient.request(this, { method: 'POST', path: '/api/campaigns/dnc', body }, { itemIndex, doing });
		return doNotCallEntryFromAnswer(this.getNode(), answer, { doing, itemIndex });
	});
}
