import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest } from '../../transport';
import { configurationBody, configurationCreateProperty } from './common';

const properties: INodeProperties[] = [configurationCreateProperty];

const displayOptions = { show: { resource: ['configuration'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const body = configurationBody(this, itemIndex);
		return await anyreachRequest.call(this, { method: 'POST', path: '/campaign/configurations', body }, itemIndex);
	});
}
