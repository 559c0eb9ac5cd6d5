import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest, idSegment } from '../../transport';
import { configurationIdProperty } from './common';

const properties: INodeProperties[] = [configurationIdProperty];

const displayOptions = { show: { resource: ['configuration'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const configurationId = idSegment(this, 'configurationId', 'Configuration ID', itemIndex);
		return await anyreachRequest.call(
			this,
			{ method: 'GET', path: `/campaign/configurations/${configurationId}` },
			itemIndex,
		);
	});
}
