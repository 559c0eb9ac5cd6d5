import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** A campaign / contact / configuration id as a path segment, or a clear error when it is empty. */
export function idSegment(context: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty`, { itemIndex });
	}
	return encodeURIComponent(value);
}
