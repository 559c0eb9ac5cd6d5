import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import {
	credentialBaseUrl,
	RateLimiter,
	sendWithRetry,
	type ProviderResponse,
	type SendResult,
} from '../../shared/transport/http';

export const VOICEGENIE_CREDENTIAL = 'voiceGenieApi';

/** VoiceGenie's documented rate limit for /uploadCampaignData: 50 requests a minute. */
export const VOICEGENIE_RATE_LIMIT = 50;

/** The documented request limit: "Request payload exceeds 500MB limit" (413). */
export const VOICEGENIE_MAX_PAYLOAD_BYTES = 500 * 1024 * 1024;

export const voiceGenieRateOptions: INodeProperties[] = [
	{
		displayName: 'Rate Limit',
		name: 'rateLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: VOICEGENIE_RATE_LIMIT,
		description: "Most requests this node starts per rate-limit window (VoiceGenie's limit: 50 a minute). 0 turns pacing off.",
	},
	{
		displayName: 'Rate Limit Window (Seconds)',
		name: 'rateLimitWindow',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'Length of the window the Rate Limit counts requests in',
	},
];

export interface VoiceGenieSendOptions {
	limiter?: RateLimiter;
	maxRetries?: number;
}

export function voiceGenieSendOptions(options: IDataObject): VoiceGenieSendOptions {
	const limit = typeof options.rateLimit === 'number' ? options.rateLimit : VOICEGENIE_RATE_LIMIT;
	const windowSeconds = typeof options.rateLimitWindow === 'number' ? options.rateLimitWindow : 60;
	return {
		// The window is 2% + 200 ms longer than VoiceGenie's: the limiter counts request starts and
		// VoiceGenie counts arrivals, which can come closer together than the starts did.
		limiter: limit > 0 ? new RateLimiter(Math.floor(limit), Math.round(Math.max(1, windowSeconds) * 1000 * 1.02 + 200)) : undefined,
		maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : undefined,
	};
}


const HINTS: Record<number, string> = {
	400: 'see the message: a field or a contact was refused',
	401: 'check the API key of the VoiceGenie API credential',
	403: 'the API key is not allowed to do this',
	404: 'check the Base URL of the VoiceGenie API credential',
	413: 'the request is over 500 MB; lower the Batch Size or split the file',
	429: "VoiceGenie's rate limit (50 requests a minute) was still exceeded after the retries; lower the Rate Limit option",
};

/** VoiceGenie's error as one line: `error: message (field: issue)`, plus what to do. */
export function voiceGenieErrorText(response: ProviderResponse): string {
	const body = response.body as IDataObject | string | null;
	let text: string | undefined;
	if (body && typeof body === 'object') {
		const parts = [body.error, body.message].filter((part) => typeof part === 'string' && part !== '') as string[];
		text = parts.join(': ');
		const details = body.details as IDataObject | undefined;
		if (details && typeof details === 'object') {
			const where = typeof details.field === 'string' ? details.field : undefined;
			const issue = typeof details.issue === 'string' ? details.issue : JSON.stringify(details);
			text += ` (${where ? `${where}: ` : ''}${issue})`;
		}
	} else if (typeof body === 'string' && body.trim() !== '') {
		text = body.slice(0, 200);
	}
	const detail = `HTTP ${response.statusCode}: ${text || 'no error text'}`;
	return HINTS[response.statusCode] ? `${detail} (${HINTS[response.statusCode]})` : detail;
}

/**
 * POSTs to /uploadCampaignData: a JSON object, or a ready multipart body (a Buffer, sent as is
 * with its own Content-Type). Paced and retried; never throws for a status.
 */
export async function voiceGenieUpload(
	this: IExecuteFunctions,
	body: IDataObject | Buffer,
	options: VoiceGenieSendOptions & { contentType?: string },
): Promise<SendResult> {
	const url = await credentialBaseUrl(this, VOICEGENIE_CREDENTIAL);
	if (url === '') {
		throw new NodeOperationError(
			this.getNode(),
			'The VoiceGenie API credential has no Base URL: set the API host of your VoiceGenie account',
		);
	}
	return await sendWithRetry(
		this,
		{
			method: 'POST',
			url: `${url}/uploadCampaignData`,
			body,
			headers: options.contentType ? { 'content-type': options.contentType } : undefined,
		},
		{
			credentialType: VOICEGENIE_CREDENTIAL,
			limiter: options.limiter,
			policy: options.maxRetries === undefined ? undefined : { maxRetries: options.maxRetries },
		},
	);
}
