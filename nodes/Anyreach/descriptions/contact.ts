import type { INodeProperties } from 'n8n-workflow';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '9b2e…-… or crm-4821',
	description: "The contact's Anyreach UUID, or the external_id you gave it (looked up within the campaign)",
};

/** Simplify keeps what Anyreach's contact documentation describes first: who, which numbers, where it stands. */
export const SIMPLE_CONTACT_FIELDS = ['id', 'external_id', 'phone_numbers', 'status', 'data', 'timezone', 'scheduled_at'] as const;
