import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class TruedyApi implements ICredentialType {
	name = 'truedyApi';

	displayName = 'Truedy API';

	icon: Icon = { light: 'file:../icons/truedy.svg', dark: 'file:../icons/truedy.dark.svg' };

	documentationUrl = 'https://docs.truedy.ai/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The API key from the Truedy dashboard, sent as a Bearer token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.truedy.ai/api/public/v1',
			description: 'Change only to use a sandbox or a local simulator',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The webhook signing secret from the Truedy dashboard, used to verify the X-Truedy-Signature of incoming events',
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
			url: '/batch-calls',
		},
	};
}
