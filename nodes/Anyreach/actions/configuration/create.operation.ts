import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { configurationCreateProperty } from '../../descriptions/configuration';
import { configurationBody } from '../../helpers/configurationBody';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [configurationCreateProperty];

const displayOptions = { show: { resource: ['configuration'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const body = configurationBody(this, itemIndex);
		return await anyreachClient.request(this, { method: 'POST', path: '/campaign/configurations', body }, { itemIndex, doing: 'creating a configuration' });
	});
}
