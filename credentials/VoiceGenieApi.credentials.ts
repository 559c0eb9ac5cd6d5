import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { keyCheckTest } from '../nodes/shared/transport/credentialTest';

export class VoiceGenieApi implements ICredentialType {
	name = 'voiceGenieApi';

	displayName = 'VoiceGenie API';

	icon: Icon = { light: 'file:../icons/voicegenie.svg', dark: 'file:../icons/voicegenie.dark.svg' };

	documentationUrl = 'https://docs-voice-agent.oriserve.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Your VoiceGenie (Oriserve) API key, sent in the x-api-key header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://seamless-sandbox-dev-cm.oriserve.com',
			description:
				'The VoiceGenie API host of your account. Oriserve documents only a sandbox host (https://seamless-sandbox-dev-cm.oriserve.com); ask Oriserve for your production host.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	// VoiceGenie documents one endpoint, POST /uploadCampaignData, and no read. An empty body is
	// refused with 400 (campaign_name missing) after the key is checked and before anything is
	// stored, so: 400 = the key was accepted, 401 = it was not.
	test: ICredentialTestRequest = keyCheckTest({
		provider: 'VoiceGenie',
		keyField: 'API Key',
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/uploadCampaignData',
			method: 'POST',
			body: {},
		},
		failOn: { 404: 'VoiceGenie answered HTTP 404 for /uploadCampaignData: check the Base URL (your account\'s VoiceGenie API host)' },
	});
}
