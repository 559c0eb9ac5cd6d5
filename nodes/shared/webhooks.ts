/**
 * Signed provider webhooks: the raw bytes of a delivery, which of them each provider signs,
 * HMAC-SHA256 verification in constant time, and the answers a trigger gives when it refuses
 * a delivery. Every trigger node of the package verifies its deliveries through this file.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IHookFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

export type SignedWebhookProvider = 'osmTalk' | 'truedy';

interface ProviderRule {
	/** Display name used in messages. */
	label: string;
	/** n8n credential type holding `webhookSecret`. */
	credentialType: string;
	/** Header carrying the signature (as sent; Node lowercases header names). */
	signatureHeader: string;
	/** Header carrying the signed timestamp, when the provider signs one. */
	timestampHeader?: string;
	/** Turns the signature header's value into the hex digest it carries, or undefined if malformed. */
	parseSignature: (value: string) => string | undefined;
	/** Where the user finds the secret, for messages. */
	secretSource: string;
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

export const PROVIDER_RULES: Record<SignedWebhookProvider, ProviderRule> = {
	// docs.osmtalk.com settings/webhooks: `X-OsmTalk-Signature: sha256=<hex>`.
	osmTalk: {
		label: 'OSMTalk',
		credentialType: 'osmTalkApi',
		signatureHeader: 'X-OsmTalk-Signature',
		parseSignature: (value) => {
			const match = /^sha256=([0-9a-f]{64})$/i.exec(value.trim());
			return match ? match[1] : undefined;
		},
		secretSource: 'the webhook secret set in OSMTalk Settings → Webhooks',
	},
	// docs.truedy.ai guides/webhooks: `X-Truedy-Signature` = hex HMAC-SHA256 of
	// `timestamp + "." + raw_body`, the timestamp in `X-Truedy-Timestamp`.
	truedy: {
		label: 'Truedy',
		credentialType: 'truedyApi',
		signatureHeader: 'X-Truedy-Signature',
		timestampHeader: 'X-Truedy-Timestamp',
		parseSignature: (value) => {
			const hex = value.trim();
			return HEX_SHA256.test(hex) ? hex : undefined;
		},
		secretSource: 'the webhook signing secret shown in the Truedy dashboard',
	},
};

/**
 * THE place that decides which bytes a provider signs.
 * - OSMTalk: the raw request body. (The stored documentation page was cut before it said which
 *   bytes are signed; the raw body is the choice, kept here and nowhere else.)
 * - Truedy: `timestamp + "." + raw_body`, the timestamp exactly as sent in X-Truedy-Timestamp.
 */
export function signedBytes(provider: SignedWebhookProvider, rawBody: Buffer, timestamp?: string): Buffer {
	switch (provider) {
		case 'osmTalk':
			return rawBody;
		case 'truedy':
			return Buffer.concat([Buffer.from(`${timestamp ?? ''}.`, 'utf8'), rawBody]);
	}
}

/** Hex HMAC-SHA256 of `payload` with `secret`. */
export function hmacSha256Hex(secret: string, payload: Buffer): string {
	return createHmac('sha256', secret).update(payload).digest('hex');
}

/**
 * Whether `receivedHex` is the HMAC-SHA256 of `payload` under `secret`, compared in constant
 * time (crypto.timingSafeEqual over the two 32-byte digests). The shape check before it
 * (64 hex characters) depends only on the received value, never on the secret.
 */
export function signatureMatches(secret: string, payload: Buffer, receivedHex: string): boolean {
	if (!HEX_SHA256.test(receivedHex)) return false;
	const expected = createHmac('sha256', secret).update(payload).digest();
	const received = Buffer.from(receivedHex, 'hex');
	return expected.length === received.length && timingSafeEqual(expected, received);
}

/**
 * Reads a provider timestamp: Unix seconds (digits, optionally with a fraction), Unix
 * milliseconds (13 or more digits), or an ISO 8601 date. Truedy's page does not say which
 * form it sends, so all three are understood. Returns milliseconds, or undefined.
 */
export function parseTimestamp(value: string): number | undefined {
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		if (!Number.isFinite(number)) return undefined;
		return /^\d{13,}$/.test(text) ? number : number * 1000;
	}
	if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

type HeaderBag = Record<string, string | string[] | undefined>;

/** One header's value (Node lowercases names; a repeated header counts as malformed). */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
	return value;
}

/** On success, the verified signature (hex), by which a trigger recognises a replayed delivery. */
export type VerificationResult = { ok: true; signature: string } | { ok: false; reason: string };

export interface VerifyOptions {
	secret: string;
	rawBody: Buffer;
	headers: HeaderBag;
	/** Current time in milliseconds. */
	now: number;
	/** For providers that sign a timestamp: how far it may be from `now`, in milliseconds. */
	toleranceMs?: number;
}

/**
 * Verifies one delivery. The reasons say what was wrong with the request (missing header,
 * malformed value, mismatch, stale timestamp) and never anything derived from the secret.
 */
export function verifyDelivery(provider: SignedWebhookProvider, options: VerifyOptions): VerificationResult {
	const rule = PROVIDER_RULES[provider];
	const signatureValue = headerValue(options.headers, rule.signatureHeader);
	if (signatureValue === undefined || signatureValue.trim() === '') {
		return { ok: false, reason: `Missing ${rule.signatureHeader} header` };
	}
	const signature = rule.parseSignature(signatureValue);
	if (signature === undefined) {
		return { ok: false, reason: `Malformed ${rule.signatureHeader} header` };
	}

	let timestamp: string | undefined;
	if (rule.timestampHeader) {
		timestamp = headerValue(options.headers, rule.timestampHeader);
		if (timestamp === undefined || timestamp.trim() === '') {
			return { ok: false, reason: `Missing ${rule.timestampHeader} header` };
		}
	}

	const payload = signedBytes(provider, options.rawBody, timestamp);
	if (!signatureMatches(options.secret, payload, signature)) {
		return { ok: false, reason: `Invalid ${rule.signatureHeader}` };
	}

	if (rule.timestampHeader && timestamp !== undefined) {
		const sentAt = parseTimestamp(timestamp);
		if (sentAt === undefined) {
			return { ok: false, reason: `Unreadable ${rule.timestampHeader} header` };
		}
		const tolerance = options.toleranceMs ?? 5 * 60 * 1000;
		if (Math.abs(options.now - sentAt) > tolerance) {
			return {
				ok: false,
				reason: `${rule.timestampHeader} is outside the accepted window of ${Math.round(tolerance / 1000)} seconds (stale or replayed delivery)`,
			};
		}
	}
	return { ok: true, signature };
}

interface RawRequest {
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	headers: HeaderBag;
}

interface RawResponse {
	headersSent?: boolean;
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body: string): unknown;
}

/**
 * The request body exactly as received. n8n's webhook server keeps it as `req.rawBody`
 * (reading it on demand through `req.readRawBody()`); a parsed body is never re-serialized,
 * because its bytes would not be the signed ones.
 */
export async function readRawBody(context: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = context.getRequestObject() as RawRequest;
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		await request.readRawBody();
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

/** Answers the request directly (JSON `{ error }`) and tells n8n not to answer or run anything. */
export function answerDirectly(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = context.getResponseObject() as RawResponse;
	if (!response.headersSent) {
		response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		response.end(JSON.stringify({ error: message }));
	}
	return { noWebhookResponse: true };
}

function missingSecretMessage(provider: SignedWebhookProvider): string {
	const rule = PROVIDER_RULES[provider];
	return `The ${rule.label} credential has no Webhook Secret, so incoming events cannot be verified and are all refused. Copy ${rule.secretSource} into the credential's Webhook Secret field.`;
}

/**
 * Used by the triggers' webhook lifecycle (activation and "listen for test event"): refuses to
 * start listening when the credential has no webhook secret, with a message saying what to do.
 */
export async function assertWebhookSecret(this: IHookFunctions, provider: SignedWebhookProvider): Promise<void> {
	const credentials = await this.getCredentials(PROVIDER_RULES[provider].credentialType);
	const secret = credentials.webhookSecret;
	if (typeof secret !== 'string' || secret === '') {
		throw new NodeOperationError(this.getNode(), missingSecretMessage(provider), {
			description: 'Unsigned or unverifiable webhook events never start this workflow.',
		});
	}
}

export type SignedDelivery =
	| { ok: true; body: IDataObject; rawBody: Buffer; signature: string }
	| { ok: false; response: IWebhookResponseData };

/**
 * Verifies the request a trigger received and parses its body. On refusal the request is
 * already answered: 401 for a missing, malformed or wrong signature or a stale timestamp;
 * 503 when the credential has no secret (a receiver-side misconfiguration the providers retry,
 * so no event is lost while it is fixed); 400 for a correctly signed body that is not a JSON
 * object. Nothing starts in any of these cases.
 */
export async function receiveSignedDelivery(
	this: IWebhookFunctions,
	provider: SignedWebhookProvider,
	options: { toleranceMs?: number; now?: number } = {},
): Promise<SignedDelivery> {
	const rule = PROVIDER_RULES[provider];
	const credentials = await this.getCredentials(rule.credentialType);
	const secret = credentials.webhookSecret;
	if (typeof secret !== 'string' || secret === '') {
		return { ok: false, response: answerDirectly(this, 503, missingSecretMessage(provider)) };
	}

	const rawBody = await readRawBody(this);
	if (rawBody === undefined) {
		return {
			ok: false,
			response: answerDirectly(this, 401, 'The request body could not be read, so its signature cannot be verified'),
		};
	}

	const result = verifyDelivery(provider, {
		secret,
		rawBody,
		headers: this.getHeaderData() as HeaderBag,
		now: options.now ?? Date.now(),
		toleranceMs: options.toleranceMs,
	});
	if (!result.ok) return { ok: false, response: answerDirectly(this, 401, result.reason) };

	const body = jsonParse<unknown>(rawBody.toString('utf8'), { fallbackValue: null });
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { ok: false, response: answerDirectly(this, 400, 'The event body is not a JSON object') };
	}
	return { ok: true, body: body as IDataObject, rawBody, signature: result.signature };
}

/** Whether an event name passes the trigger's selection (`*` selects every event). */
export function isEventSelected(event: string | undefined, selected: string[]): boolean {
	if (selected.includes('*')) return true;
	return event !== undefined && selected.includes(event);
}

/** The 2xx answer for a verified event the user did not select: acknowledged, nothing started. */
export function ignoredEvent(event: string | undefined): IWebhookResponseData {
	return { webhookResponse: { received: true, ignored: true, event: event ?? null } };
}
