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

const displayOptions = { show: { resource: ['configuration'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const configurationId = idSegment(this, 'configurationId', 'Configuration ID', itemIndex);
		const shown = decodeURIComponent(configurationId);
		// The status of "delete fails while a campaign uses it" is not documented: 400 or 409.
		const inUse = 'A configuration cannot be deleted while a campaign uses it: move those campaigns to another configuration first.';
		const body = await anyreachClient.request(
			this,
			{ method: 'DELETE', path: `/campaign/configurations/${configurationId}` },
			{
				itemIndex,
				doing: `deleting configuration "${shown}"`,
				notFound: `No configuration "${shown}" in this Anyreach organization: check the Configuration ID.`,
				hints: { 400: inUse, 409: inUse },
				emptyAnswer: 'allowed',
			},
		);
		return { deleted: true, configurationId: shown, ...(Array.isArray(body) ? {} : body) };
	});
}
