import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { anyreachRequest, idSegment } from '../../transport';

type Transition = 'start' | 'pause' | 'close';

/** What to do when Anyreach refuses a transition with 400 (its text says why). */
const WHEN_REFUSED: Record<Transition, string> = {
	start: 'a closed campaign cannot be restarted: create a new campaign instead',
	pause: 'only an active campaign can be paused: get the campaign to see its status',
	close: 'a closed campaign stays closed: nothing to do',
};

/** POST /campaign/campaigns/{id}/start|pause|close, with the provider's 400 as a clear error. */
export async function transition(this: IExecuteFunctions, action: Transition): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const campaignId = idSegment(this, 'campaignId', 'Campaign ID', itemIndex);
		const shown = decodeURIComponent(campaignId);
		return await anyreachRequest.call(
			this,
			{ method: 'POST', path: `/campaign/campaigns/${campaignId}/${action}` },
			itemIndex,
			{
				message: (detail) =>
					detail.startsWith('HTTP 400')
						? `Cannot ${action} campaign "${shown}": ${detail.replace(/^HTTP 400: /, '')} (HTTP 400; ${WHEN_REFUSED[action]})`
						: `Could not ${action} campaign "${shown}": ${detail}`,
			},
		);
	});
}
