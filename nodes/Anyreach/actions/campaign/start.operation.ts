import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { campaignIdProperty } from '../../descriptions/campaign';
import { transition } from './lifecycle';

// Start a campaign, or resume a paused one.
const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['start'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await transition.call(this, 'start');
}
