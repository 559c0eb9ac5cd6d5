import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { readDoNotCallList } from '../../helpers/doNotCallEntries';
import { osmTalkClient } from '../../transport';
import { limitProperty, returnAllProperty, wantedCount } from '../../../shared/pagination';

const properties: INodeProperties[] = [
	returnAllProperty,
	limitProperty,
];

const displayOptions = { show: { resource: ['doNotCall'], operation: ['getMany'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const entries = await readDoNotCallList(this.getNode(), await osmTalkClient.session(this), itemIndex);
		return entries.slice(0, wantedCount(this, itemIndex));
	});
}
