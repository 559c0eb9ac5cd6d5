import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from '../../shared/resourceLocator';

export const contactIdProperty: INodeProperties = listOrIdLocator({
	displayName: 'Contact',
	name: 'contactId',
	description: "The contact: pick it from the campaign's contacts, or give its Anyreach UUID or the external_id you gave it (looked up within the campaign)",
	searchListMethod: 'searchContacts',
	listPlaceholder: 'Select a contact…',
	idPlaceholder: 'e.g. 9b2e…-… or crm-4821',
});

/** Simplify keeps what Anyreach's contact documentation describes first: who, which numbers, where it stands. */
export const SIMPLE_CONTACT_FIELDS = ['id', 'external_id', 'phone_numbers', 'status', 'data', 'timezone', 'scheduled_at'] as const;
