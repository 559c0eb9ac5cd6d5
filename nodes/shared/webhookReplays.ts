/**
 * Refusing replayed webhook deliveries: every trigger of the package remembers the deliveries it
 * accepted in the workflow's static data (node scope), so that a second delivery of the same
 * event starts nothing.
 *
 * Why static data: n8n 2.41's webhook context offers no de-duplication helpers (only the execute
 * context does), and n8n saves a workflow's static data to its database after a webhook call that
 * changed it. What that covers and what it does not is in the README ("Replayed webhook events").
 */
import type { IDataObject, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { answerDirectly, parseTimestamp } from './webhooks';

/** Static-data field holding the remembered deliveries: delivery key → accepted at (Unix ms). */
const MEMORY_FIELD = 'acceptedDeliveries';

/**
 * At most this many deliveries are remembered per trigger node. The memory is saved with the
 * workflow after every accepted delivery, so it is kept small (about 60 bytes an entry). Past the
 * bound the oldest are forgotten first: only a trigger receiving more than this many events
 * within its retention (twice the timestamp tolerance) loses replay protection for the oldest.
 */
export const MAX_REMEMBERED_DELIVERIES = 5000;

/**
 * A delivery's key: the first 32 hex digits (128 bits) of the signature it carried. The signature
 * covers the body (and, for Truedy, the signed timestamp), so an identical re-delivery has the
 * same key and any other event a different one.
 */
export function deliveryKey(signatureHex: string): string {
	return signatureHex.toLowerCase().slice(0, 32);
}

/** The Timestamp Tolerance option (minutes, default 5) in milliseconds. */
/**
 * The triggers' Timestamp Tolerance option; `how` says what the provider signs the time with and
 * anything the provider's retries need (it is the start of the option's description).
 */
export function toleranceMinutesOption(how: string): INodeProperties {
	return {
		displayName: 'Timestamp Tolerance (Minutes)',
		name: 'toleranceMinutes',
		type: 'number',
		default: 5,
		typeOptions: { minValue: 1, maxValue: 1440 },
		description: how,
	};
}

export function toleranceMs(minutes: unknown): number {
	return (typeof minutes === 'number' && Number.isFinite(minutes) && minutes > 0 ? minutes : 5) * 60 * 1000;
}

export type ReplayCheck = { firstDelivery: true } | { firstDelivery: false; acceptedAt: number };

/**
 * Remembers the delivery with this key unless it is remembered already. `retentionMs` is how long a
 * replay of it could still pass the timestamp check: twice the tolerance, as a timestamp may be up
 * to the tolerance ahead of this server's clock and is accepted until it is the tolerance behind.
 * Entries older than that are pruned on every call; the set never grows past the bound.
 */
export function rememberDelivery(
	this: IWebhookFunctions,
	key: string,
	options: { now: number; retentionMs: number },
): ReplayCheck {
	const nodeData = this.getWorkflowStaticData('node');
	const stored = nodeData[MEMORY_FIELD];
	const remembered: Array<[string, number]> =
		typeof stored === 'object' && stored !== null && !Array.isArray(stored)
			? Object.entries(stored as IDataObject).filter(
					(entry): entry is [string, number] =>
						typeof entry[1] === 'number' && entry[1] > options.now - options.retentionMs,
				)
			: [];

	const earlier = remembered.find(([known]) => known === key);
	if (earlier) return { firstDelivery: false, acceptedAt: earlier[1] };

	remembered.sort((a, b) => a[1] - b[1]);
	const kept = remembered.slice(Math.max(0, remembered.length - (MAX_REMEMBERED_DELIVERIES - 1)));
	kept.push([key, options.now]);
	// A new object, assigned: n8n notices an assignment on the static data and saves the workflow.
	nodeData[MEMORY_FIELD] = Object.fromEntries(kept);
	return { firstDelivery: true };
}

/** The 200 answer for a delivery already accepted: acknowledged, nothing started. */
export function replayedDelivery(acceptedAt: number): { webhookResponse: IDataObject } {
	return {
		webhookResponse: {
			received: true,
			ignored: true,
			reason: `duplicate delivery: this event was already accepted at ${new Date(acceptedAt).toISOString()}, so it starts nothing again`,
		},
	};
}

/**
 * For providers that sign a timestamp inside the body (OSMTalk's `timestamp`): refuses with 401 a
 * body whose timestamp is missing, unreadable or further than the tolerance from this server's
 * clock. Returns the answer given, or undefined when the body is fresh.
 */
export function refuseStaleBody(
	this: IWebhookFunctions,
	body: IDataObject,
	options: { now: number; toleranceMs: number },
): IWebhookResponseData | undefined {
	const value = body.timestamp;
	const sentAt = typeof value === 'string' || typeof value === 'number' ? parseTimestamp(String(value)) : undefined;
	if (sentAt === undefined) {
		return answerDirectly(this, 401, 'The event has no readable `timestamp`, so its age cannot be checked');
	}
	if (Math.abs(options.now - sentAt) > options.toleranceMs) {
		return answerDirectly(
			this,
			401,
			`The event's \`timestamp\` is outside the accepted window of ${Math.round(options.toleranceMs / 1000)} seconds (stale or replayed delivery)`,
		);
	}
	return undefined;
}

/**
 * Answers 200 and starts nothing when this signature was accepted before (within the retention);
 * otherwise remembers it and returns undefined, and the trigger starts the workflow.
 */
export function refuseReplay(
	this: IWebhookFunctions,
	signatureHex: string,
	options: { now: number; toleranceMs: number },
): IWebhookResponseData | undefined {
	const check = rememberDelivery.call(this, deliveryKey(signatureHex), {
		now: options.now,
		retentionMs: 2 * options.toleranceMs,
	});
	return check.firstDelivery ? undefined : replayedDelivery(check.acceptedAt);
}
