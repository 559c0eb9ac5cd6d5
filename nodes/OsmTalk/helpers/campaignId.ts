import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A Campaign ID as given, trimmed; an empty one is refused before anything is sent. */
export function campaignIdFrom(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const id = String(value ?? '').trim();
	if (id === '') throw new NodeOperationError(context.getNode(), 'Campaign ID is empty', { itemIndex });
	return id;
}

/** The item's Campaign ID parameter. */
export function campaignIdParameter(context: IExecuteFunctions, itemIndex: number): string {
	return campaignIdFrom(context, context.getNodeParameter('campaignId', itemIndex, ''), itemIndex);
}

/** The path of one campaign (or of one of its sub-resources), with the ID escaped. */
export function campaignPath(campaignId: string, suffix = ''): string {
	return `/api/campaigns/${encodeURIComponent(campaignId)}${suffix}`;
}
