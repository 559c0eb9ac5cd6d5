import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { campaignIdProperty } from '../../descriptions/campaignFields';
import { campaignIdParameter, campaignPath } from '../../helpers/campaignId';
import { TRANSITIONS, currentStatus, stateError, type TransitionAction } from '../../helpers/campaignState';
import { campaignOf, osmTalkClient } from '../../transport';

/** The description and execute function of one lifecycle operation (Start, Pause, Resume, Stop). */
export function lifecycleOperation(action: TransitionAction): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	const transition = TRANSITIONS[action];
	const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: [action] } }, [
		campaignIdProperty,
	]);

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await forEachItem.call(this, async (itemIndex) => {
			const campaignId = campaignIdParameter(this, itemIndex);
			const session = await osmTalkClient.session(this);
			// Repeating a transition is harmless: OSMTalk refuses it from the state it led to (read below).
			const result = await session.send({ method: 'POST', path: campaignPath(campaignId, `/${action}`) });
			if (result.ok && result.response.statusCode < 300) {
				const campaign = campaignOf(result.response.body);
				return campaign.id !== undefined || campaign.status !== undefined ? campaign : { id: campaignId, action, ...campaign };
			}
			if (result.ok && (result.response.statusCode === 400 || result.response.statusCode === 409)) {
				const status = await currentStatus(session, campaignId, result.response.body);
				// The first attempt went through but its answer was lost: the retry found the campaign moved.
				if (status && result.attempts > 1 && (transition.to as readonly string[]).includes(status)) {
					return { id: campaignId, status, note: `already ${status}: an earlier attempt of this ${action} went through` };
				}
				if (!status || !(transition.from as readonly string[]).includes(status)) {
					throw stateError(this, {
						what: action,
						hintKey: action,
						campaignId,
						status,
						allowedFrom: transition.from,
						result,
						itemIndex,
					});
				}
			}
			throw session.error(result, {
				itemIndex,
				doing: `${action === 'stop' ? 'stopping' : `${action.replace(/e$/, '')}ing`} campaign "${campaignId}"`,
				notFound: `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.`,
			});
		});
	}

	return { description, execute };
}
