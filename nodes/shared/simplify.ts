import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** n8n's Simplify option, for a Get / Get Many whose answer has more than about ten fields. */
export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/**
 * With Simplify on, only `keep` (the fields the provider's documentation names, in that order);
 * a field the answer lacks stays absent. Off: the provider's object as it came.
 */
export function simplifyIfAsked(context: IExecuteFunctions, itemIndex: number, entries: IDataObject[], keep: readonly string[]): IDataObject[] {
	if (!(context.getNodeParameter('simplify', itemIndex, true) as boolean)) return entries;
	return entries.map((entry) => {
		const simple: IDataObject = {};
		for (const key of keep) if (key in entry) simple[key] = entry[key];
		return simple;
	});
}
