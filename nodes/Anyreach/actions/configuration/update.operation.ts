import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { configurationIdProperty, configurationUpdateProperty } from '../../descriptions/configuration';
import { configurationBody } from '../../helpers/configurationBody';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient } from '../../transport';

const properties: INodeProperties[] = [
	configurationIdProperty,
	configurationUpdateProperty,
];

const displayOptions = { show: { resource: ['configuration'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const configurationId = idSegment(this, 'configurationId', 'Configuration ID', itemIndex);
		const body = configurationBody(this, itemIndex);
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), 'Nothing to update: Configuration (JSON) is empty', { itemIndex });
		}
		return await anyreachClient.request(
			this,
			{ method: 'PATCH', path: `/campaign/configurations/${configurationId}`, body },
			{ itemIndex, doing: 'updating the configuration', notFound: `No configuration "${decodeURIComponent(configurationId)}" in this Anyreach organization: check the Configuration ID.` },
		);
	});
}
