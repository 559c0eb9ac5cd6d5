import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** n8n's Get Many convention: Return All, or a Limit shown when Return All is off. */
export const returnAllProperty: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitProperty: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** How many results an item asked for: Infinity for Return All. */
export function wantedCount(context: IExecuteFunctions, itemIndex: number): number {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	return returnAll ? Infinity : (context.getNodeParameter('limit', itemIndex, 50) as number);
}

/**
 * Appends a page's entries to `results` until it holds `wanted`. A loop, not `push(...page)`:
 * spreading an array into a call's arguments overflows V8's stack at about 125,000 entries.
 */
export function appendUpTo<T>(results: T[], page: readonly T[], wanted: number): void {
	for (let i = 0; i < page.length && results.length < wanted; i++) results.push(page[i]);
}
