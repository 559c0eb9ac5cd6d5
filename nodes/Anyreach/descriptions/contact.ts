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
