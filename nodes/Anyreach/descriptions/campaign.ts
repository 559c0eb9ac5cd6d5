import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from '../../shared/resourceLocator';

/** Picked from Anyreach's campaign list, or given by ID (a UUID, or the external_id you gave it). */
export const campaignIdProperty: INodeProperties = listOrIdLocator({
	displayName: 'Campaign',
	name: 'campaignId',
	description: 'The campaign: pick it from the list, or give its UUID or the external_id you gave it',
	searchListMethod: 'searchCampaigns',
	listPlaceholder: 'Select a campaign…',
	idPlaceholder: 'e.g. 3f1c2b9e-… or crm-campaign-42',
});

/** The Campaign ID of a contact operation, where the ad-hoc campaign `default` is allowed too. */
export const contactCampaignIdProperty: INodeProperties = {
	...campaignIdProperty,
	description: 'The campaign UUID or its external_id; "default" for an ad-hoc contact',
};

/** The campaign fields the reference names, plus the rest as JSON (their names are not documented). */
export const campaignFieldOptions: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		placeholder: 'crm-campaign-42',
		description: 'Your own key for the campaign; it can then be used wherever a campaign ID is asked for',
	},
	{
		displayName: 'Other Fields (JSON)',
		name: 'otherFields',
		type: 'json',
		default: '{}',
		description:
			"Further campaign fields as a JSON object merged into the request body, e.g. the reference to the configuration the campaign uses or its priority. Anyreach's reference does not list their JSON names, so the node does not guess them: take them from Anyreach's API reference.",
	},
];
