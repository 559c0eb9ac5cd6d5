import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { countryOptions, normalizeToE164 } from '../../../shared/contacts/phone';
import { DNC_SOURCES } from '../../profile';

export const sourceProperty: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'API', value: 'api', description: 'Added by an integration (this node)' },
		{ name: 'Imported', value: 'imported', description: 'Imported from another list' },
		{ name: 'Manual', value: 'manual', description: 'Added by a person' },
		{ name: 'Opt Out', value: 'opt_out', description: 'The person asked not to be called' },
	],
	default: 'api',
	description: 'Where the entry came from, as OSMTalk records it',
};

export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	options: countryOptions(),
	default: 'IN',
	description: 'Country of a phone number written without a country code (ISO 3166-1 code)',
};

export function sourceParameter(context: IExecuteFunctions, itemIndex: number): string {
	const source = String(context.getNodeParameter('source', itemIndex, 'api') ?? '');
	if (!DNC_SOURCES.includes(source)) {
		throw new NodeOperationError(context.getNode(), `Source "${source}" is not one of ${DNC_SOURCES.join(', ')}`, { itemIndex });
	}
	return source;
}

/** The item's phone number in E.164, read with the Default Country option when it has no country code. */
export function phoneNumberParameter(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('phoneNumber', itemIndex, '') ?? '');
	const { defaultCountry } = context.getNodeParameter('options', itemIndex, {}) as { defaultCountry?: string };
	// Like the lead upload: a number without a country code is read only with a Default Country set.
	const check = normalizeToE164(raw, defaultCountry);
	if (!check.ok) {
		throw new NodeOperationError(context.getNode(), `Phone Number: ${check.reason}`, {
			itemIndex,
			description: 'Write the number in E.164 (e.g. +919876543210), or set Options → Default Country for national numbers.',
		});
	}
	return check.phone;
}

export const phoneNumberProperty: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+919876543210',
	description: 'The number, in E.164 or in the national format of the Default Country option',
};
