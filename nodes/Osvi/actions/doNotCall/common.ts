import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { normalizeToE164 } from '../../../shared/contacts/phone';
import { agentUuidOf, agentUuidProperty as agentUuidField } from '../../helpers/identifiers';

export const agentUuidProperty: INodeProperties = {
	...agentUuidField,
	description: 'The agent whose Do-Not-Call list to use; OSVI keeps one list per agent',
};

export const phoneProperty: INodeProperties = {
	displayName: 'Phone',
	name: 'phone',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+919876543210',
	description: 'The phone number; a number without country code is read as Indian',
};

/** The item's phone, normalized to E.164 (Indian when no country code is given). */
export function phoneParameter(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('phone', itemIndex, '') ?? '');
	const check = normalizeToE164(raw, 'IN');
	if (!check.ok) {
		throw new NodeOperationError(context.getNode(), `Phone: ${check.reason}`, { itemIndex });
	}
	return check.phone;
}

export function agentParameter(context: IExecuteFunctions, itemIndex: number): string {
	return agentUuidOf(context, context.getNodeParameter('agentUuid', itemIndex, ''), itemIndex);
}
