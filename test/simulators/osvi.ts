/**
 * OSVI simulator: enforces ../shared/specs/osvi-add-campaign-contacts.md and the OSVI section of
 * supplement.md — the API-Token header, the add-contacts body schema with its 400 texts, the
 * 10,000 limit, 404 / 422 cases, server-side dedupe (longer person_name kept), dnd_skipped on
 * enqueue, campaign status, and the per-agent DND list.
 */
import { Simulator, type SimRequest, type SimResponse } from './base';

export const OSVI_TOKEN = 'osvi_test_tok_16';

const MOBILE_10 = /^[6-9]\d{9}$/;
const PLUS_91 = /^\+91\d{10}$/;

interface StoredContact {
	person_name: string;
	phone: string;
	variables: Record<string, string>;
}

interface Agent {
	uuid: string;
	hasOutboundTrunk: boolean;
	dnd: Map<string, { id: number; phone: string; reason: string; created_at: string }>;
}

interface Campaign {
	id: number;
	uploads: Array<{ id: number; contacts: StoredContact[]; enqueued: boolean; queued: number }>;
}

function osviPhone(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (MOBILE_10.test(value)) return `+91${value}`;
	if (PLUS_91.test(value)) return value;
	return undefined;
}

const error = (status: number, message: string): SimResponse => ({
	status,
	body: { success: false, error: message, details: null },
});

export class OsviSimulator extends Simulator {
	readonly campaigns = new Map<number, Campaign>();

	readonly agents = new Map<string, Agent>();

	private nextUploadId = 1;

	private nextDndId = 1;

	/**
	 * The DND list is per agent (supplement: `GET /v1/dnd_numbers?agent_uuid=…`): when true, a read
	 * without `agent_uuid` is refused with 400 as the remove endpoint documents for a missing
	 * parameter. Off by default, where the simulator lists every agent's numbers.
	 */
	dndListNeedsAgent = false;

	constructor(readonly token = OSVI_TOKEN) {
		super();
		this.authenticate = (request) =>
			request.headers['api-token'] === this.token
				? undefined
				: { status: 401, body: { success: false, error: 'Invalid API token' } };
		this.route('POST', '/v1/campaigns/:id/contacts', (request) => this.addContacts(request));
		this.route('GET', '/v1/campaigns/:id/status', (request) => this.status(request));
		this.route('POST', '/v1/dnd_numbers', (request) => this.addDnd(request));
		this.route('GET', '/v1/dnd_numbers', (request) => this.listDnd(request));
		this.route('DELETE', '/v1/dnd_numbers', (request) => this.removeDnd(request));
	}

	addCampaign(id: number): Campaign {
		const campaign: Campaign = { id, uploads: [] };
		this.campaigns.set(id, campaign);
		return campaign;
	}

	addAgent(uuid: string, hasOutboundTrunk = true): Agent {
		const agent: Agent = { uuid, hasOutboundTrunk, dnd: new Map() };
		this.agents.set(uuid, agent);
		return agent;
	}

	/** Every contact stored in a campaign, across uploads. */
	storedContacts(campaignId: number): StoredContact[] {
		return (this.campaigns.get(campaignId)?.uploads ?? []).flatMap((upload) => upload.contacts);
	}

	private addContacts(request: SimRequest): SimResponse {
		if (request.badJson) return error(400, 'Request body must be valid JSON');
		if (!/^\d+$/.test(request.params.id)) return error(400, 'id must be an integer');
		const body = request.body as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return error(400, 'Request body must be a JSON object');
		if (typeof body.agent_uuid !== 'string' || body.agent_uuid === '') return error(400, 'agent_uuid is required');
		if (!Array.isArray(body.contacts) || body.contacts.length === 0) {
			return error(400, 'contacts must be a non-empty array');
		}
		if (body.contacts.length > 10_000) return error(400, 'contacts exceeds the maximum of 10,000 entries');
		if (body.enqueue !== undefined && typeof body.enqueue !== 'boolean') return error(400, 'enqueue must be a boolean');

		const received: StoredContact[] = [];
		for (let i = 0; i < body.contacts.length; i++) {
			const contact = body.contacts[i] as Record<string, unknown>;
			if (!contact || typeof contact !== 'object' || Array.isArray(contact)) {
				return error(400, `contacts[${i}]: must be an object`);
			}
			if (typeof contact.person_name !== 'string' || contact.person_name.trim() === '') {
				return error(400, `contacts[${i}]: missing person_name`);
			}
			const phone = osviPhone(contact.phone);
			if (!phone) {
				return error(
					400,
					`contacts[${i}]: invalid phone. Provide a 10-digit mobile number (starting with 6–9) or +91 followed by 10 digits.`,
				);
			}
			const variables: Record<string, string> = {};
			for (const [key, value] of Object.entries(contact)) {
				if (key === 'person_name' || key === 'phone') continue;
				if (typeof value !== 'string') return error(400, `contacts[${i}]: ${key} must be a string`);
				variables[key] = value;
			}
			received.push({ person_name: contact.person_name, phone, variables });
		}

		const campaign = this.campaigns.get(Number(request.params.id));
		if (!campaign) return error(404, 'campaign_not_found');
		const agent = this.agents.get(body.agent_uuid);
		if (!agent) return error(404, 'agent_not_found');
		const enqueue = body.enqueue === true;
		if (enqueue && !agent.hasOutboundTrunk) {
			return error(
				422,
				'No outbound SIP configuration found for this agent. Please configure an outbound trunk before enqueueing contacts.',
			);
		}

		// Dedupe by phone, keeping the longer person_name.
		const byPhone = new Map<string, StoredContact>();
		for (const contact of received) {
			const kept = byPhone.get(contact.phone);
			if (!kept || contact.person_name.length > kept.person_name.length) byPhone.set(contact.phone, contact);
		}
		const accepted = [...byPhone.values()];
		const upload = { id: this.nextUploadId++, contacts: accepted, enqueued: enqueue, queued: 0 };
		campaign.uploads.push(upload);

		const data: Record<string, unknown> = {
			campaign_upload_id: upload.id,
			contacts_received: received.length,
			contacts_accepted: accepted.length,
			duplicates_removed: received.length - accepted.length,
			enqueued: enqueue,
		};
		if (enqueue) {
			const skipped = accepted.filter((contact) => agent.dnd.has(contact.phone));
			upload.queued = accepted.length - skipped.length;
			data.queued_calls = upload.queued;
			if (skipped.length > 0) {
				data.dnd_skipped = skipped.map((contact) => ({ person_name: contact.person_name, phone: contact.phone }));
			}
		}
		return { status: 201, body: { success: true, data } };
	}

	private status(request: SimRequest): SimResponse {
		const campaign = this.campaigns.get(Number(request.params.id));
		if (!campaign) return error(404, 'campaign_not_found');
		const queued = campaign.uploads.reduce((sum, upload) => sum + upload.queued, 0);
		return {
			status: 200,
			body: {
				success: true,
				data: {
					is_retry_enabled: true,
					retry_threshold: 2,
					retry_delay: 30,
					calls: { total: queued, by_status: { picked: 0, not_picked: 0, failed: 0 } },
					uploads: campaign.uploads.map((upload) => ({
						id: upload.id,
						contacts: upload.contacts.length,
						queues: upload.enqueued ? [{ status: 'queued', count: upload.queued }] : [],
					})),
				},
			},
		};
	}

	private addDnd(request: SimRequest): SimResponse {
		const body = request.body as Record<string, unknown> | undefined;
		if (!body || typeof body.agent_uuid !== 'string' || body.agent_uuid === '') return error(400, 'agent_uuid is required');
		const phone = osviPhone(body.phone);
		if (!phone) return error(400, 'invalid phone');
		if (body.reason !== undefined && typeof body.reason !== 'string') return error(400, 'reason must be a string');
		const agent = this.agents.get(body.agent_uuid);
		if (!agent) return error(404, 'agent_not_found');
		const entry = agent.dnd.get(phone) ?? {
			id: this.nextDndId++,
			phone,
			reason: (body.reason as string | undefined) ?? '',
			created_at: new Date().toISOString(),
		};
		agent.dnd.set(phone, entry);
		return { status: 201, body: { success: true, data: { ...entry, agent_uuid: agent.uuid } } };
	}

	private listDnd(request: SimRequest): SimResponse {
		const page = Number(request.query.page ?? 1);
		const perPage = Number(request.query.per_page ?? 25);
		if (!Number.isInteger(page) || page < 1) return error(400, 'page must be a positive integer');
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return error(400, 'per_page must be between 1 and 100');
		const agentUuid = request.query.agent_uuid;
		if (agentUuid === undefined && this.dndListNeedsAgent) return error(400, 'agent_uuid is required');
		let agents = [...this.agents.values()];
		if (agentUuid !== undefined) {
			const agent = this.agents.get(agentUuid);
			if (!agent) return error(404, 'agent_not_found');
			agents = [agent];
		}
		const search = request.query.search ?? '';
		const all = agents
			.flatMap((agent) => [...agent.dnd.values()].map((entry) => ({ ...entry, agent_uuid: agent.uuid })))
			.filter((entry) => entry.phone.includes(search));
		return {
			status: 200,
			body: {
				success: true,
				data: all.slice((page - 1) * perPage, page * perPage),
				meta: { page, per_page: perPage, total: all.length },
			},
		};
	}

	private removeDnd(request: SimRequest): SimResponse {
		const { agent_uuid: agentUuid, phone: rawPhone } = request.query;
		if (!agentUuid || !rawPhone) return error(400, 'agent_uuid and phone are required');
		const agent = this.agents.get(agentUuid);
		if (!agent) return error(404, 'agent_not_found');
		const phone = osviPhone(rawPhone);
		if (!phone || !agent.dnd.has(phone)) return error(404, 'dnd_number_not_found');
		agent.dnd.delete(phone);
		return { status: 200, body: { success: true, data: { agent_uuid: agentUuid, phone } } };
	}
}
