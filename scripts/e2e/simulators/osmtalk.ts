/**
 * OSMTalk for the e2e run. Seed (all optional):
 * { "agents": ["agent_1"], "phoneNumbers": ["pn_1"],
 *   "campaigns": [{ "id": "cmp_spring", "name": "Spring renewals", "status": "running" }],
 *   "dnc": ["+919876500000"], "credits": 0 }
 * State: { "campaigns": { "<id>": { "name", "status", "leads": [{ phoneNumber, variables, status }] } },
 *          "dnc": [phones], "deliveries": [{ url, event, status }] }
 *
 * `deliver` plays OSMTalk calling n8n back. OSMTalk has no API to register webhooks: a user pastes
 * the trigger's Production URL into a campaign's webhookUrl or the organisation's default webhook
 * (OSMTalk Settings → Webhooks). The runner's `context.webhookUrl` stands for that organisation
 * default; a campaign's own webhookUrl wins, as documented ("sent to the campaign's webhookUrl, else
 * the org default"). The raw body is signed as OSMTalk signs it:
 * `X-OsmTalk-Signature: sha256=<hex HMAC-SHA256 of the raw body with the org's webhook secret>`.
 */
import { createHmac } from 'node:crypto';

import { OSMTALK_KEY, OsmTalkSimulator, type Campaign } from '../../../test/simulators/osmtalk';
import { defineSimulator } from './types';

/** The organisation's webhook secret (OSMTalk Settings → Webhooks), also put in the credential. */
export const OSMTALK_WEBHOOK_SECRET = 'whsec_osm_e2e_5b1d9a7c3e';

interface OsmTalkSeed {
	agents?: string[];
	phoneNumbers?: string[];
	campaigns?: Array<Partial<Campaign> & { id: string }>;
	dnc?: string[];
	credits?: number;
}

interface Delivery {
	url: string;
	event: unknown;
	status: number;
}

const deliveries = new WeakMap<OsmTalkSimulator, Delivery[]>();

export default defineSimulator<OsmTalkSimulator>({
	name: 'osmtalk',
	credentialType: 'osmTalkApi',
	create: () => new OsmTalkSimulator(),
	credentialData: (baseUrl) => ({ apiKey: OSMTALK_KEY, baseUrl, webhookSecret: OSMTALK_WEBHOOK_SECRET }),
	seed(simulator, raw) {
		const seed = (raw ?? {}) as OsmTalkSeed;
		for (const id of seed.agents ?? []) simulator.addAgent(id);
		for (const id of seed.phoneNumbers ?? []) simulator.addPhoneNumber(id);
		for (const campaign of seed.campaigns ?? []) simulator.seedCampaign(campaign);
		for (const phoneNumber of seed.dnc ?? []) {
			const id = `dnc_seed_${simulator.dnc.size + 1}`;
			simulator.dnc.set(id, { id, phoneNumber, reason: 'seeded', source: 'manual', createdAt: new Date(0).toISOString() });
		}
		if (seed.credits !== undefined) simulator.credits = seed.credits;
	},
	state(simulator) {
		return {
			campaigns: Object.fromEntries(
				[...simulator.campaigns.values()].map((campaign) => [
					campaign.id,
					{
						name: campaign.name,
						status: campaign.status,
						leads: (simulator.leads.get(campaign.id) ?? []).map(({ phoneNumber, variables, status }) => ({ phoneNumber, variables, status })),
					},
				]),
			),
			dnc: [...simulator.dnc.values()].map((entry) => entry.phoneNumber),
			deliveries: deliveries.get(simulator) ?? [],
		};
	},
	async deliver(simulator, event, context) {
		const campaignId = (event as { campaign?: { id?: unknown } } | null)?.campaign?.id;
		const campaign = typeof campaignId === 'string' ? simulator.campaigns.get(campaignId) : undefined;
		const url = campaign?.webhookUrl ?? context.webhookUrl;
		if (!url) throw new Error('OSMTalk has nowhere to send the event: no campaign webhookUrl and no organisation webhook');
		// OSMTalk stamps an event when it sends it; the trigger refuses a stale `timestamp`, so a
		// stored example's fixed timestamp is replaced by the delivery's time.
		const stamped =
			typeof event === 'object' && event !== null && 'timestamp' in event ? { ...event, timestamp: new Date().toISOString() } : event;
		const raw = JSON.stringify(stamped);
		const signature = `sha256=${createHmac('sha256', OSMTALK_WEBHOOK_SECRET).update(raw, 'utf8').digest('hex')}`;
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-osmtalk-signature': signature, ...lowerCased(context.headers) },
			body: raw,
		});
		const text = await answer.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		const list = deliveries.get(simulator) ?? [];
		list.push({ url: new URL(url).pathname, event: stamped, status: answer.status });
		deliveries.set(simulator, list);
		return { status: answer.status, body };
	},
});

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
	return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}
