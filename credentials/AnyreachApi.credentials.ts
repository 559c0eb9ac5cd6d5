import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { keyCheckTest } from '../nodes/shared/transport/credentialTest';

/** The token as Anyreach wants it after `Bearer `: trimmed, without a pasted `Bearer ` prefix. */
function bearerToken(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
}

export class AnyreachApi implements ICredentialType {
	name = 'anyreachApi';

	displayName = 'Anyreach API';

	icon: Icon = { light: 'file:../icons/anyreach.svg', dark: 'file:../icons/anyreach.dark.svg' };

	documentationUrl = 'https://docs.anyreach.ai/api-reference/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'ak_… or pat_…',
			description: 'An organization API key (ak_…, from the API Keys page) or a personal access token (pat_…, from Account → Tokens). It needs the campaigns:read scope to read and campaigns:manage to change anything.',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			hint: 'Required for a personal access token (pat_…): it is sent as the X-Anyreach-Org header. Not needed for an organization API key (ak_…), which carries its organization.',
			description: 'The organization to act on, sent as the X-Anyreach-Org header; left empty, no such header is sent',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.anyreach.ai',
			description: 'Change only to use a sandbox or a local simulator',
		},
	];

	// Not the generic form: an empty Organization ID must send no X-Anyreach-Org header at all,
	// and a generic header expression would send it empty.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IHttpRequestOptions['headers'] = {
			...requestOptions.headers,
			Authorization: `Bearer ${bearerToken(credentials.token)}`,
		};
		const organizationId = String(credentials.organizationId ?? '').trim();
		if (organizationId !== '') headers['X-Anyreach-Org'] = organizationId;
		return { ...requestOptions, headers };
	}

	// Listing one campaign is the cheapest documented read (scope campaigns:read).
	test: ICredentialTestRequest = keyCheckTest({
		provider: 'Anyreach',
		keyField: 'Token',
		refusedHint: 'A personal access token (pat_…) also needs the Organization ID; reading needs the campaigns:read scope',
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/campaign/campaigns',
			qs: { limit: 1 },
		},
		failOn: { 404: 'Anyreach answered HTTP 404 for its campaign list: check the Base URL (https://api.anyreach.ai)' },
	});
}
