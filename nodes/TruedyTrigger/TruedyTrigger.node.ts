import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	assertWebhookSecret,
	ignoredEvent,
	isEventSelected,
	receiveSignedDelivery,
} from '../shared/webhooks';
import { refuseReplay, toleranceMinutesOption, toleranceMs } from '../shared/webhookReplays';

export class TruedyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Truedy Trigger',
		name: 'truedyTrigger',
		icon: { light: 'file:../../icons/truedy.svg', dark: 'file:../../icons/truedy.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Truedy sends a signed webhook event (batch call status changes)',
		defaults: { name: 'Truedy Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'truedyApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// An empty 2xx: without this n8n answers the provider with the literal text "firstEntryJson".
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Truedy webhooks are configured in the Truedy dashboard only: paste this node's Production URL there, and copy the webhook signing secret into the credential's Webhook Secret field. Events without a valid X-Truedy-Signature, or with a stale X-Truedy-Timestamp, are refused with 401; a second delivery of an event already accepted is answered 200 and starts nothing.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['batch.completed'],
				description:
					'The events that start the workflow; other events are acknowledged and ignored. Add event names not listed here under Options → Additional Events.',
				options: [
					{
						name: 'Any Event',
						value: '*',
						description: 'Every event Truedy sends',
					},
					{
						name: 'Batch Completed',
						value: 'batch.completed',
						description: 'A batch call finished',
					},
					{
						name: 'Batch Status Changed',
						value: 'batch.status.changed',
						description: 'A batch call changed status (for example scheduled, active, paused)',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Additional Events',
						name: 'additionalEvents',
						type: 'string',
						default: '',
						placeholder: 'e.g. call.completed, batch.failed',
						description: 'Further event names that start the workflow, separated by commas',
					},
					toleranceMinutesOption(
						"How far X-Truedy-Timestamp may be from this server's clock, in either direction, before an event is refused as stale or replayed. Accepted events are remembered for twice this long, to refuse a second delivery of the same event.",
					),
				],
			},
		],
	};

	// Truedy configures webhooks in its dashboard only (no API): nothing is registered remotely.
	// The lifecycle still runs when the workflow is activated or listens for a test event, and
	// refuses to start when the credential has no webhook secret (events could not be verified).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await assertWebhookSecret.call(this, 'truedy');
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertWebhookSecret.call(this, 'truedy');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as {
			additionalEvents?: string;
			toleranceMinutes?: number;
		};
		const now = Date.now();
		const tolerance = toleranceMs(options.toleranceMinutes);

		const delivery = await receiveSignedDelivery.call(this, 'truedy', { toleranceMs: tolerance, now });
		if (!delivery.ok) return delivery.response;

		// Truedy's webhook page names the events but not the payload field that carries the name:
		// `event` is read first, then `type`.
		const { body } = delivery;
		const name = typeof body.event === 'string' ? body.event : typeof body.type === 'string' ? body.type : undefined;
		const selected = [
			...(this.getNodeParameter('events', []) as string[]),
			...(options.additionalEvents ?? '')
				.split(',')
				.map((value) => value.trim())
				.filter((value) => value !== ''),
		];
		if (!isEventSelected(name, selected)) return ignoredEvent(name);

		// Truedy documents no event id: the signature (over timestamp and body) identifies a delivery.
		const replay = refuseReplay.call(this, delivery.signature, { now, toleranceMs: tolerance });
		if (replay) return replay;

		return { workflowData: [this.helpers.returnJsonArray(body)] };
	}
}
