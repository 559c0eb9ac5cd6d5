import type { IDataObject } from 'n8n-workflow';

import { createProviderClient } from '../../shared/transport/client';
import type { SendResult } from '../../shared/transport/http';

/** The documented request limit: "Request payload exceeds 500MB limit" (413). */
export const VOICEGENIE_MAX_PAYLOAD_BYTES = 500 * 1024 * 1024;

/** VoiceGenie's error as one line: `error: message (field: issue)`. */
function voiceGenieErrorText(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const { error, message, details } = body as IDataObject;
	let text = [error, message].filter((part): part is string => typeof part === 'string' && part !== '').join(': ');
	if (details && typeof details === 'object' && !Array.isArray(details)) {
		const { field, issue } = details as IDataObject;
		const where = typeof field === 'string' ? `${field}: ` : '';
		text += ` (${where}${typeof issue === 'string' ? issue : JSON.stringify(details)})`;
	}
	return text.trim() || undefined;
}

export const voiceGenieClient = createProviderClient({
	provider: 'VoiceGenie',
	credentialType: 'voiceGenieApi',
	credentialName: 'VoiceGenie API',
	keyField: 'API Key',
	// Oriserve documents only a sandbox host: every account sets its own Base URL.
	defaultBaseUrl: '',
	secretFields: ['apiKey'],
	errorText: voiceGenieErrorText,
	hints: {
		200: 'VoiceGenie answered success: false, so it uploaded nothing of this request; its message says why.',
		400: 'VoiceGenie refused a field of the request (named in its message). A campaign takes contacts only while it is draft or paused.',
		403: 'VoiceGenie does not let this API key upload campaign data: check the key with Oriserve.',
		404: 'Check the Base URL of the VoiceGenie API credential: it must be the API host of your account, without a path.',
		413: "The request is over VoiceGenie's 500 MB limit: lower the Batch Size, or split the file.",
		429: "VoiceGenie's rate limit (50 requests a minute) was still exceeded after the retries: lower the Rate Limit option, or check what else uses this API key.",
	},
	rateLimit: { requests: 50, windowSeconds: 60, documented: "VoiceGenie's limit: 50 requests a minute" },
	// "Uploading 10,000+ contacts may take 30-60 seconds."
	timeoutSeconds: 120,
	checkCredentials: (credentials) => {
		const baseUrl = String(credentials.baseUrl ?? '').trim();
		if (!/\/uploadCampaignData\/*$/i.test(baseUrl)) return undefined;
		return {
			message: 'The Base URL of the VoiceGenie API credential ends with /uploadCampaignData',
			description: 'Set the Base URL to the API host only (e.g. https://seamless-sandbox-dev-cm.oriserve.com); the node adds the path.',
		};
	},
});

/**
 * VoiceGenie can answer 2xx with `success: false`: a refusal, not a confirmation. It becomes a
 * result that did not succeed, so it is reported with VoiceGenie's words like any other refusal.
 */
export function refusalAsFailure(result: SendResult): SendResult {
	if (!result.ok) return result;
	const { response, attempts } = result;
	const body = response.body as IDataObject | null;
	if (response.statusCode >= 300 || !body || typeof body !== 'object' || body.success !== false) return result;
	return { ok: false, response, reached: true, attempts, gaveUp: `success: false after ${attempts} attempt${attempts === 1 ? '' : 's'}` };
}
