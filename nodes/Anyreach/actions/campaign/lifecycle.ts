import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { unreadableAnswerError } from '../../../shared/transport/errors';
import { idSegment } from '../../helpers/idParameter';
import { anyreachClient, anyreachDetail } from '../../transport';

type Transition = 'start' | 'pause' | 'close';

const DOING: Record<Transition, string> = { start: 'starting', pause: 'pausing', close: 'closing' };

/**
 * What to do when Anyreach refuses a transition with 400, from the documented conditions (start
 * unless closed, pause only when active, close unless closed) and the refusal's own words: only a
 * refusal that says the campaign is closed is about a closed campaign.
 */
function whenRefused(action: Transition, detail: string): string {
	const closed = /closed/i.test(detail);
	if (action === 'pause') return 'Only an active campaign can be paused: get the campaign to see its status.';
	if (action === 'start' && closed) return 'A closed campaign cannot be restarted: create a new campaign instead.';
	if (action === 'close' && closed) return 'The campaign is already closed: nothing to do.';
	return `Anyreach did not ${action} the campaign in its current status: get the campaign to see its status.`;
}

/** POST /campaign/campaigns/{id}/start|pause|close, with the provider's 400 explained. */
export async function transition(this: IExecuteFunctions, action: Transition): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const shown = decodeURIComponent(campaignId);
		const session = await anyreachClient.session(this);
		const extra = {
			itemIndex,
			doing: `${DOING[action]} campaign "${shown}"`,
			notFound: `No campaign "${shown}" in this Anyreach organization: check the Campaign ID (its UUID or external_id).`,
		};
		const result = await session.send({ method: 'POST', path: `/campaign/campaigns/${campaignId}/${action}` });
		if (!result.ok || result.response.statusCode >= 300) {
			const detail = result.response ? (anyreachDetail(result.response.body) ?? '') : '';
			throw session.error(result, { ...extra, hints: { 400: whenRefused(action, detail) } });
		}
		const { response } = result;
		if (!response.bodyIsJson || response.body === null || typeof response.body !== 'object' || Array.isArray(response.body)) {
			throw unreadableAnswerError(this.getNode(), 'Anyreach', response, extra);
		}
		return response.body as IDataObject;
	});
}
