import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class OsmTalkApi implements ICredentialType {
	name = 'osmTalkApi';

	displayName = 'OSMTalk API';

	icon: Icon = { light: 'file:../icons/osmtalk.svg', dark: 'file:../icons/osmtalk.dark.svg' };

	documentationUrl = 'https://docs.osmtalk.com/campaigns/overview';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from the OSMTalk dashboard, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.osmtalk.com',
			description: 'Change only to use a sandbox or a local simulator',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The organization's webhook secret from OSMTalk Settings → Webhooks, used to verify the X-OsmTalk-Signature of incoming events",
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/campaigns',
		},
	};
}
