import type { IDataObject } from 'n8n-workflow';

import type { ContactProfile, ContactRecord } from '../shared/contacts/types';

/**
 * Contacts per request. Truedy documents no maximum for `contacts` (only minItems 1); 1,000 keeps
 * one request well under any body limit and is the batch size Truedy's neighbours document.
 */
export const TRUEDY_MAX_CONTACTS = 1_000;

export const truedyProfile: ContactProfile = {
	provider: 'Truedy',
	maxBatchSize: TRUEDY_MAX_CONTACTS,
	fields: [
		{
			key: 'first_name',
			displayName: 'First Name',
			aliases: ['first_name', 'firstname', 'first', 'given_name'],
		},
		{
			key: 'last_name',
			displayName: 'Last Name',
			aliases: ['last_name', 'lastname', 'last', 'surname', 'family_name'],
		},
		{
			key: 'email',
			displayName: 'Email',
			aliases: ['email', 'email_address', 'mail'],
		},
	],
	// The shared E.164 normalizer (Default Country for local numbers) always yields Truedy's pattern.
};

/** A custom field value as JSON allows it; nested objects and arrays are kept as they are. */
function customFields(record: ContactRecord): IDataObject | undefined {
	const fields: IDataObject = {};
	for (const [key, value] of Object.entries(record.contact.variables)) {
		if (value === undefined || value === null || value === '') continue;
		fields[key] = value;
	}
	return Object.keys(fields).length > 0 ? fields : undefined;
}

/**
 * One contact in Truedy's wire format. Add Contacts documents only phone_number, first_name,
 * last_name and email; Create's inline contacts also take custom_fields.
 */
export function toTruedyContact(record: ContactRecord, withCustomFields: boolean): IDataObject {
	const { fields } = record.contact;
	const wire: IDataObject = { phone_number: record.phone };
	if (fields.first_name) wire.first_name = fields.first_name;
	if (fields.last_name) wire.last_name = fields.last_name;
	if (fields.email) wire.email = fields.email;
	if (withCustomFields) {
		const custom = customFields(record);
		if (custom) wire.custom_fields = custom;
	}
	return wire;
}
