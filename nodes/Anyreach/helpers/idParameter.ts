import type { IExecuteFunctions } from 'n8n-workflow';

import { locatorId } from '../../shared/resourceLocator';

/** A campaign / contact / configuration id as a path segment, or a clear error when it is empty. */
export function idSegment(context: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	return encodeURIComponent(locatorId(context, name, label, itemIndex));
}
