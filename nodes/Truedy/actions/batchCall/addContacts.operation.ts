import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import { executeContactUpload, uploadOptions } from '../../../shared/contacts/upload';
import { truedyProfile } from '../../profile';
import { truedyLimiter, truedyRequestOptions } from '../../transport';
import { addContactsBatch, batchCallIdProperty } from './common';

const properties: INodeProperties[] = [
	batchCallIdProperty,
	...contactUploadProperties(truedyProfile, { defaultCountry: 'US', extraOptions: truedyRequestOptions }),
];

const displayOptions = { show: { resource: ['batchCall'], operation: ['addContacts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const options = uploadOptions(this);
	const sendOptions = {
		limiter: truedyLimiter(options as { rateLimit?: number; rateLimitWindow?: number }),
		maxRetries: options.maxRetries,
	};
	return await executeContactUpload.call(this, {
		profile: truedyProfile,
		targetParameters: ['batchCallId'],
		sendBatch: async (target, batch) => {
			const batchCallId = String(target.parameters.batchCallId ?? '').trim();
			if (batchCallId === '') {
				throw new NodeOperationError(this.getNode(), 'Batch Call ID is empty', { itemIndex: target.itemIndex });
			}
			return await addContactsBatch(this, batchCallId, batch, sendOptions);
		},
	});
}
