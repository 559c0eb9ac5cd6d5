import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { configurationIdProperty } from '../../descriptions/configuration';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [configurationIdProperty];

const displayOptions = { show: { resource: ['configuration'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const configurationId = idSegment(this, 'configurationId', 'Configuration ID', itemIndex);
		return await anyreachClient.request(
			this,
			{ method: 'GET', path: `/campaign/configurations/${configurationId}` },
			{ itemIndex, notFound: `No configuration "${decodeURIComponent(configurationId)}" in this Anyreach organization: check the Configuration ID.` },
		);
	});
}
