import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { keyCheckTest } from '../nodes/shared/transport/credentialTest';

export class OsviApi implements ICredentialType {
	name = 'osviApi';

	displayName = 'OSVI API';

	icon: Icon = { light: 'file:../icons/osvi.svg', dark: 'file:../icons/osvi.dark.svg' };

	documentationUrl = 'https://docs.osvi.ai/api-reference/introduction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The 16-character API token from the OSVI dashboard, under Settings → API',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.osvi.ai',
			description: 'Change only to use a sandbox or a local simulator',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'API-Token': '={{$credentials.apiToken}}',
			},
		},
	};

	// The Do-Not-Call list is the one documented read that needs no campaign: without an agent_uuid
	// OSVI may list every agent's numbers or refuse with 400 (the list is per agent); either way
	// the API-Token was checked first. 404 means the Base URL is not OSVI's API.
	test: ICredentialTestRequest = keyCheckTest({
		provider: 'OSVI',
		keyField: 'API Token',
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/dnd_numbers',
			qs: { page: 1, per_page: 1 },
		},
		failOn: { 404: 'OSVI answered HTTP 404 for its Do-Not-Call list: check the Base URL (https://api.osvi.ai)' },
	});
}
