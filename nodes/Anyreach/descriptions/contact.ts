import type { INodeProperties } from 'n8n-workflow';

export const contactIdProperty: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: "The contact: pick it from the campaign's contacts, or give its Anyreach UUID or the external_id you gave it (looked up within the campaign)",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contact…',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true, searchFilterRequired: false },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 9b2e…-… or crm-4821' },
	],
};

/** Simplify keeps what Anyreach's contact documentation describes first: who, which numbers, where it stands. */
export const SIMPLE_CONTACT_FIELDS = ['id', 'external_id', 'phone_numbers', 'status', 'data', 'timezone', 'scheduled_at'] as const;
