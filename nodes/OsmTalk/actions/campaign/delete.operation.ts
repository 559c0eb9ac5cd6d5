import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdProperty } from '../../descriptions/campaignFields';
import { campaignIdParameter, campaignPath } from '../../helpers/campaignId';
import { DELETABLE_FROM, currentStatus, stateError } from '../../helpers/campaignState';
import { osmTalkClient } from '../../transport';

const properties: INodeProperties[] = [campaignIdProperty];

const displayOptions = { show: { resource: ['campaign'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = campaignIdParameter(this, itemIndex);
		const session = await osmTalkClient.session(this);
		const result = await session.send({ method: 'DELETE', path: campaignPath(campaignId) });
		if (result.ok && result.response.statusCode < 300) return { id: campaignId, deleted: true };
		// A 404 after a retry means the first, unanswered attempt deleted it.
		if (result.ok && result.response.statusCode === 404 && result.attempts > 1) return { id: campaignId, deleted: true };
		if (result.ok && (result.response.statusCode === 400 || result.response.statusCode === 409)) {
			const status = await currentStatus(session, campaignId, result.response.body);
			if (!status || !DELETABLE_FROM.includes(status)) {
				throw stateError(this, { what: 'delete', hintKey: 'delete', campaignId, status, allowedFrom: DELETABLE_FROM, result, itemIndex });
			}
		}
		throw session.error(result, { itemIndex, doing: `deleting campaign "${campaignId}"`, notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.` });
	});
}
