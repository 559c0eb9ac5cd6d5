import type { IExecuteFunctions } from 'n8n-workflow';

import { locatorId, requiredId } from '../../shared/resourceLocator';

/** A Campaign ID as given (a locator, or the plain string of an older workflow), trimmed; empty is refused before anything is sent. */
export function campaignIdFrom(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	return requiredId(context, value, 'Campaign ID', itemIndex);
}

/** The item's Campaign parameter. */
export function campaignIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	return locatorId(context, 'campaignId', 'Campaign ID', itemIndex);
}

/** The path of one campaign (or of one of its sub-resources), with the ID escaped. */
export function campaignPath(campaignId: string, suffix = ''): string {
	return `/api/campaigns/${encodeURIComponent(campaignId)}${suffix}`;
}
