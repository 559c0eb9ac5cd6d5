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

const displayOptions = { show: { resource: ['configuration'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const configurationId = idSegment(this, 'configurationId', 'Configuration ID', itemIndex);
		const shown = decodeURIComponent(configurationId);
		const body = await anyreachRequest.call(
			this,
			{ method: 'DELETE', path: `/campaign/configurations/${configurationId}` },
			itemIndex,
			{
				message: (detail) =>
					/^HTTP (400|409)/.test(detail)
						? `Cannot delete configuration "${shown}": ${detail} (a configuration cannot be deleted while a campaign uses it: move or close those campaigns first)`
						: `Could not delete configuration "${shown}": ${detail}`,
			},
		);
		return { deleted: true, configurationId: shown, ...body };
	});
}
