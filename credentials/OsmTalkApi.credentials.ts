import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { keyCheckTest } from '../nodes/shared/transport/credentialTest';

export class OsmTalkApi implements ICredentialType {
	name = 'osmTalkApi';

	displayName = 'OSMTalk API';

	icon: Icon = { light: 'file:../icons/osmtalk.svg', dark: 'file:../icons/osmtalk.dark.svg' };

	documentationUrl = 'https://docs.osmtalk.com/campaigns/api-reference';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'An OSMTalk API key, from the OSMTalk dashboard; it is sent in an "Authorization: Bearer" header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.osmtalk.com',
			description: 'Change only to use a staging host or a local simulator',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Optional. The organisation's webhook secret from OSMTalk's webhook settings. Used only by the OSMTalk Trigger node, to verify the X-OsmTalk-Signature header of incoming events; the OSMTalk node does not use it.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// Listing campaigns is the cheapest documented read that needs no ID.
	test: ICredentialTestRequest = keyCheckTest({
		provider: 'OSMTalk',
		keyField: 'API Key',
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/campaigns',
		},
		failOn: { 404: 'OSMTalk answered HTTP 404 for its campaign list: check the Base URL (https://api.osmtalk.com)' },
	});
}
