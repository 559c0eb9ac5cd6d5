import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { listOrIdLocator, locatorId } from '../../../shared/resourceLocator';
import { defaultCountryOption, phoneNumberProperty } from '../../descriptions/doNotCallFields';
import { listedNumber, phoneNumberParameter, readDoNotCallList } from '../../helpers/doNotCallEntries';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Remove By',
		name: 'removeBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Entry ID', value: 'id', description: 'The ID of the Do-Not-Call entry' },
			{ name: 'Phone Number', value: 'phoneNumber', description: 'Look the entry up by its number first' },
		],
		default: 'id',
	},
	{
		...listOrIdLocator({
			displayName: 'Entry',
			name: 'entryId',
			description: 'The Do-Not-Call entry: pick it from the list (search by number or reason), or give its ID as Get Many returns it',
			searchListMethod: 'searchDoNotCallEntries',
			listPlaceholder: 'Select an entry…',
			idPlaceholder: 'e.g. dnc_1234',
		}),
		displayOptions: { show: { removeBy: ['id'] } },
	},
	{ ...phoneNumberProperty, displayOptions: { show: { removeBy: ['phoneNumber'] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { removeBy: ['phoneNumber'] } },
		options: [defaultCountryOption],
	},
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['remove'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const session = await osmTalkClient.session(this);
		const removeBy = this.getNodeParameter('removeBy', itemIndex) as 'id' | 'phoneNumber';
		let ids: string[];
		let phoneNumber: string | undefined;
		if (removeBy === 'id') {
			ids = [locatorId(this, 'entryId', 'Entry ID', itemIndex, 'Pick the entry from the list or give its ID (Get Many lists the entries and their IDs).')];
		} else {
			phoneNumber = phoneNumberParameter(this, itemIndex);
			const entries = await readDoNotCallList(this.getNode(), session, itemIndex);
			ids = entries.filter((entry) => listedNumber(entry) === phoneNumber).map((entry) => String(entry.id));
			if (ids.length === 0) {
				throw new NodeOperationError(this.getNode(), `${phoneNumber} is not on OSMTalk's Do-Not-Call list`, {
					itemIndex,
					description: 'Nothing was removed. Use Get Many to see the list.',
				});
			}
		}
		for (const id of ids) {
			await session.request(
				{ method: 'DELETE', path: `/api/campaigns/dnc/${encodeURIComponent(id)}` },
				{ itemIndex, doing: `removing Do-Not-Call entry "${id}"`, emptyAnswer: 'allowed', notFound: `No Do-Not-Call entry "${id}": check the Entry ID (Get Many lists the entries and their IDs).` },
			);
		}
		// n8n's convention for a delete: `deleted: true`, with the entries deleted (a number may have several).
		const result: IDataObject = { deleted: true, ids };
		if (phoneNumber) result.phoneNumber = phoneNumber;
		return result;
	});
}
