import {
	sleep,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { DEFAULT_RETRY_POLICY, backoffMs, providerError, retryAfterMs } from '../../../shared/transport/http';
import { anyreachErrorText, anyreachSend } from '../../transport';
import { campaignBody, campaignFieldOptions } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'June renewals',
		description: 'The name of the campaign',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: campaignFieldOptions(),
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const name = this.getNodeParameter('name', itemIndex) as string;
		const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as { externalId?: string; otherFields?: unknown };
		const body = campaignBody(this, itemIndex, name, fields);
		// Anyreach documents no idempotency key, so a create that may have reached it (a 5xx, a dropped
		// connection) is not re-sent: that could make a second campaign. Only a 429, which refused the
		// request before doing anything, is retried, after the wait Anyreach asks for.
		for (let retry = 0; ; retry++) {
			const result = await anyreachSend.call(this, { method: 'POST', path: '/campaign/campaigns', body }, { maxRetries: 0 }, itemIndex);
			const response = result.response;
			if (response?.statusCode === 429 && retry < DEFAULT_RETRY_POLICY.maxRetries) {
				await sleep(retryAfterMs(response.headers['retry-after']) ?? backoffMs(retry, DEFAULT_RETRY_POLICY));
				continue;
			}
			if (!result.ok || !response || response.statusCode >= 300) {
				throw providerError(this, 'Anyreach', result.ok ? { response: result.response } : result, anyreachErrorText, {
					itemIndex,
					message:
						response === undefined || response.statusCode >= 500
							? `Anyreach did not confirm the campaign "${String(body.name)}" was created (${response ? `HTTP ${response.statusCode}` : result.ok ? '' : result.networkError ?? 'no answer'}); it was not re-sent to avoid a duplicate: check with Get Many before running again`
							: undefined,
				});
			}
			// A new campaign starts active.
			return response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
		}
	});
}
