import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { keyCheckTest } from '../nodes/shared/transport/credentialTest';

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
			description: 'An API key from the Truedy dashboard (API Keys); sent as "Authorization: Bearer &lt;key&gt;"',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.truedy.ai/api/public/v1',
			description: 'Change only for a self-hosted Truedy deployment or a local simulator',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. Used only by the Truedy Trigger node to verify the X-Truedy-Signature of incoming webhooks (HMAC-SHA256); the secret is shown where the webhook is configured in the Truedy dashboard',
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

	// Truedy documents no read. Adding an empty contact list to a batch call is refused (422:
	// at least one contact) or the made-up batch call is not found (404), after the key is checked
	// and before anything is stored: only 401 / 403 say the key was refused.
	test: ICredentialTestRequest = keyCheckTest({
		provider: 'Truedy',
		keyField: 'API Key',
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/batch-calls/n8n-credential-test/contacts',
			method: 'POST',
			body: { contacts: [] },
		},
	});
}
