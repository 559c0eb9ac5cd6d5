import {
	NodeConnectionTypes,
	type IDataObject,
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
import { refuseReplay, refuseStaleBody, toleranceMinutesOption, toleranceMs } from '../shared/webhookReplays';

export class OsmTalkTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OSMTalk Trigger',
		name: 'osmTalkTrigger',
		icon: { light: 'file:../../icons/osmtalk.svg', dark: 'file:../../icons/osmtalk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when OSMTalk sends a signed webhook event (lead completed, call events)',
		defaults: { name: 'OSMTalk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'osmTalkApi', required: true }],
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
					"OSMTalk has no API to register webhooks: paste this node's Production URL into OSMTalk yourself, either as a campaign's Webhook URL (webhookUrl) or as the organization's default webhook in OSMTalk Settings → Webhooks. Set a webhook secret there and the same secret in the credential's Webhook Secret field: events without a valid X-OsmTalk-Signature, or whose signed `timestamp` is stale, are refused with 401; a second delivery of an event already accepted is answered 200 and starts nothing.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['campaign.lead_completed'],
				description: 'The events that start the workflow; other events are acknowledged and ignored',
				options: [
					{
						name: 'Any Event',
						value: '*',
						description: 'Every event OSMTalk sends, including ones added later',
					},
					{
						name: 'Call Analysis Completed',
						value: 'call.analysis_completed',
						description: "A call's post-call analysis is ready",
					},
					{
						name: 'Call Completed',
						value: 'call.completed',
						description: 'A call ended',
					},
					{
						name: 'Call Failed',
						value: 'call.failed',
						description: 'A call could not be placed or failed',
					},
					{
						name: 'Call Started',
						value: 'call.started',
						description: 'A call began',
					},
					{
						name: 'Campaign Lead Completed',
						value: 'campaign.lead_completed',
						description: 'A campaign lead reached its final status (completed, voicemail, no answer, busy, failed, DNC blocked)',
					},
					{
						name: 'Transfer Initiated',
						value: 'transfer.initiated',
						description: 'A call is being transferred',
					},
					{
						name: 'Webhook Test',
						value: 'webhook.test',
						description: 'The test event sent from OSMTalk Settings → Webhooks',
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
						displayName: 'Output Lead Only',
						name: 'leadOnly',
						type: 'boolean',
						default: false,
						description:
							"Whether to output only the event's lead object (ID, phone number, variables, status, disposition, attempts, call ID, outcome) instead of the whole event. Events without a lead are output whole.",
					},
					toleranceMinutesOption(
						"How far the event's signed `timestamp` may be from this server's clock, in either direction, before the event is refused as stale or replayed. OSMTalk retries a failed delivery after 1 min, 5 min, 30 min, 2 h and 12 h: raise this to accept late retries. Accepted events are remembered for twice this long.",
					),
				],
			},
		],
	};

	// OSMTalk documents no API to register or remove a webhook: nothing is registered remotely.
	// The lifecycle still runs when the workflow is activated or listens for a test event, and
	// refuses to start when the credential has no webhook secret (events could not be verified).
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await assertWebhookSecret.call(this, 'osmTalk');
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertWebhookSecret.call(this, 'osmTalk');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as { leadOnly?: boolean; toleranceMinutes?: number };
		const now = Date.now();
		const tolerance = toleranceMs(options.toleranceMinutes);

		const delivery = await receiveSignedDelivery.call(this, 'osmTalk');
		if (!delivery.ok) return delivery.response;
		// OSMTalk signs the body only; its age is the body's own `timestamp`.
		const stale = refuseStaleBody.call(this, delivery.body, { now, toleranceMs: tolerance });
		if (stale) return stale;

		const event = typeof delivery.body.event === 'string' ? delivery.body.event : undefined;
		const selected = this.getNodeParameter('events', []) as string[];
		if (!isEventSelected(event, selected)) return ignoredEvent(event);

		// OSMTalk documents no event id: the signature (over the whole body) identifies a delivery.
		const replay = refuseReplay.call(this, delivery.signature, { now, toleranceMs: tolerance });
		if (replay) return replay;

		const lead = delivery.body.lead;
		const json =
			options.leadOnly && typeof lead === 'object' && lead !== null && !Array.isArray(lead)
				? (lead as IDataObject)
				: delivery.body;
		return { workflowData: [this.helpers.returnJsonArray(json)] };
	}
}
