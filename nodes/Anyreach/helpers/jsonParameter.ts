import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

/** A JSON parameter as an object (it may arrive as text or as an object). */
export function jsonObjectParameter(
	context: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	value: unknown = context.getNodeParameter(name, itemIndex, '{}'),
): IDataObject {
	let parsed = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `${label} is not valid JSON: ${(error as Error).message}`, { itemIndex });
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(context.getNode(), `${label} must be a JSON object`, { itemIndex });
	}
	return parsed as IDataObject;
}
