import type { IDataObject } from 'n8n-workflow';

import { normalizeToE164 } from '../shared/contacts/phone';
import type { ContactProfile, ContactRecord, PhoneCheck } from '../shared/contacts/types';

/** OSVI takes at most this many contacts per request. */
export const OSVI_MAX_CONTACTS = 10_000;

const INDIAN_MOBILE = /^\+91[6-9]\d{9}$/;

/** OSVI accepts an Indian mobile only: +91 then 10 digits starting 6–9. */
export function normalizeOsviPhone(raw: string): PhoneCheck {
	const check = normalizeToE164(raw, 'IN');
	if (!check.ok) return check;
	if (!INDIAN_MOBILE.test(check.phone)) {
		return {
			ok: false,
			reason: `${check.phone} is not an Indian mobile number; OSVI accepts +91 followed by 10 digits starting with 6–9`,
		};
	}
	return check;
}

function personName(record: ContactRecord): string {
	return record.contact.fields.person_name ?? '';
}

export const osviProfile: ContactProfile = {
	provider: 'OSVI',
	maxBatchSize: OSVI_MAX_CONTACTS,
	fields: [
		{
			key: 'person_name',
			displayName: 'Person Name',
			aliases: ['person_name', 'name', 'full_name', 'contact_name', 'customer_name'],
			combine: [
				['first_name', 'firstname', 'first'],
				['last_name', 'lastname', 'last', 'surname'],
			],
			description: 'Field (or CSV column) with the person\'s name, required by OSVI; first and last name columns are joined when there is no name column',
		},
	],
	normalizePhone: normalizeOsviPhone,
	validate: (contact) =>
		contact.fields.person_name ? undefined : 'no person name (OSVI requires person_name for every contact)',
	// OSVI's own rule: of two contacts with the same phone, keep the one with the longer person_name.
	preferDuplicate: (candidate, kept) => personName(candidate).length > personName(kept).length,
};

const RESERVED_KEYS = new Set(['person_name', 'phone']);

/** A variable value as OSVI takes it: every extra key must be a string. */
function variableText(value: unknown): string | undefined {
	if (value === null || value === undefined || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return JSON.stringify(value);
}

/** One contact in OSVI's wire format: person_name, phone (E.164) and string prompt variables. */
export function toOsviContact(record: ContactRecord): IDataObject {
	const wire: IDataObject = {};
	for (const [key, value] of Object.entries(record.contact.variables)) {
		if (RESERVED_KEYS.has(key)) continue;
		const text = variableText(value);
		if (text !== undefined) wire[key] = text;
	}
	wire.person_name = record.contact.fields.person_name;
	wire.phone = record.phone;
	return wire;
}
