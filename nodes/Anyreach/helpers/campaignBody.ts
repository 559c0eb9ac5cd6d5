import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { jsonObjectParameter } from './jsonParameter';

/** The request body of a campaign create or update, from a Name and the collection of campaign fields. */
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
		throw new NodeOperationError(context.getNode(), "A campaign's status is not set by a field", {
			itemIndex,
			description: 'Use the Start, Pause or Close operation to change the status.',
		});
	}
	return body;
}
