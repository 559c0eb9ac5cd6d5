import type { INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../../shared/contacts/phone';
import { OSMTALK_DEFAULT_COUNTRY } from '../profile';

/** The `source` OSMTalk records with a Do-Not-Call entry (supplement: the four documented values). */
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

/** The country of a national number in Add and Remove; the same default as the uploads. */
export const defaultCountryOption: INodeProperties = {
	displayName: 'Default Country',
	name: 'defaultCountry',
	type: 'options',
	options: countryOptions(),
	default: OSMTALK_DEFAULT_COUNTRY,
	description: 'Country of a phone number written without a country code (ISO 3166-1 code)',
};

/** One number, for Add and Remove by phone number. */
export const phoneNumberProperty: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: '+919876543210',
	description: 'The number, in E.164 or in the national format of the Default Country option',
};
