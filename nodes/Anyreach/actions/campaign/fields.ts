import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { jsonObjectParameter } from '../common';

/** The campaign fields the reference names, plus the rest as JSON (their names are not documented). */
export function campaignFieldOptions(): INodeProperties[] {
	return [
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			placeholder: 'crm-campaign-42',
			description: 'Your own key for the campaign; it can then be used wherever a campaign ID is asked for',
		},
		{
			displayName: 'Other Fields (JSON)',
			name: 'otherFields',
			type: 'json',
			default: '{}',
			description:
				"Further campaign fields as a JSON object merged into the request body, e.g. the reference to the configuration the campaign uses or its priority. Anyreach's reference does not list their JSON names, so the node does not guess them: take them from Anyreach's API reference.",
		},
	];
}

/** The request body from a Name and a collection of campaign fields. */
export function campaignBody(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string | undefined,
	fields: { externalId?: string; otherFields?: unknown },
): IDataObject {
	const body: IDataObject = {
		...jsonObjectParameter(context, 'otherFields', 'Other Fields (JSON)', itemIndex, fields.otherFields ?? '{}'),
	};
	if (name !== undefined) {
		if (name.trim() === '') throw new NodeOperationError(context.getNode(), 'Name is empty', { itemIndex });
		body.name = name.trim();
	}
	if (fields.externalId !== undefined && fields.externalId.trim() !== '') body.external_id = fields.externalId.trim();
	if ('status' in body) {
		throw new NodeOperationError(context.getNode(), 'A campaign\'s status is not set by a field', {
			itemIndex,
			description: 'Use the Start, Pause or Close operation to change the status.',
		});
	}
	return body;
}
