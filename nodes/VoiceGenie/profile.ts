import type { IDataObject } from 'n8n-workflow';

import type { ContactProfile, ContactRecord } from '../shared/contacts/types';

/** VoiceGenie advises batches of 1,000 contacts or fewer. */
export const VOICEGENIE_MAX_CONTACTS = 1_000;

export const voiceGenieProfile: ContactProfile = {
	provider: 'VoiceGenie',
	maxBatchSize: VOICEGENIE_MAX_CONTACTS,
	fields: [
		{
			key: 'name',
			displayName: 'Name',
			aliases: ['name', 'full_name', 'contact_name', 'customer_name'],
			combine: [
				['first_name', 'firstname', 'first'],
				['last_name', 'lastname', 'last', 'surname'],
			],
			description: "Field (or CSV column) with the person's name; first and last name columns are joined when there is no name column",
		},
		{
			key: 'email',
			displayName: 'Email',
			aliases: ['email', 'email_address', 'mail'],
		},
	],
	// Phones: the shared E.164 normalizer with the Default Country option (India by default).
	// Dedupe: by phone, VoiceGenie's own rule ("duplicate phone numbers within the same campaign
	// will be automatically skipped").
};

/** A custom field value: scalars as they are, anything nested as JSON text. */
function customValue(value: unknown): string | number | boolean | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'bigint') return value.toString();
	return JSON.stringify(value);
}

/** One contact in VoiceGenie's wire format; every unmapped field goes into custom_fields. */
export function toVoiceGenieContact(record: ContactRecord): IDataObject {
	const wire: IDataObject = { phone_number: record.phone };
	if (record.contact.fields.name) wire.name = record.contact.fields.name;
	if (record.contact.fields.email) wire.email = record.contact.fields.email;
	const custom: IDataObject = {};
	for (const [key, value] of Object.entries(record.contact.variables)) {
		const text = customValue(value);
		if (text !== undefined) custom[key] = text;
	}
	if (Object.keys(custom).length > 0) wire.custom_fields = custom;
	return wire;
}
