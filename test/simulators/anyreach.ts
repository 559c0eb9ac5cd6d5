/**
 * Anyreach simulator: enforces ../shared/specs/anyreach-contacts.md and the Anyreach section of
 * supplement.md.
 *
 * - Auth: `Authorization: Bearer <token>`. `ak_` keys carry their organization; `pat_` tokens need
 *   `X-Anyreach-Org` or get 401 "Token is missing organization claim". Scopes: reads need
 *   campaigns:read or campaigns:manage, writes campaigns:manage, else 403.
 * - Campaigns: create (starts `active`), list (cursor pagination, `name` substring and one `status`
 *   filter; a repeated `status` counts once, the last one, as FastAPI reads a scalar query parameter), get, PATCH; lifecycle start / pause / close with the documented conditions
 *   (start unless closed, pause only when active, close unless closed; otherwise 400); stats.
 * - Contacts: upsert (≤ 1,000; matched by `id`, then `external_id` within the campaign; numbers
 *   normalized with the configuration's `default_country_code`; one unparseable number fails the
 *   whole request with 422 listing the first invalid numbers; closed campaign → 400), list
 *   (limit/offset, `status`), get / delete by UUID or external_id. `{id}` is a campaign UUID or its
 *   external_id; `default` holds ad-hoc contacts whose numbers must already be E.164.
 * - Configurations: create / list / get / PATCH / delete (delete fails while a campaign uses it).
 *
 * Where the spec is silent the choice is marked "Spec silent" below. Errors use FastAPI's
 * `{"detail": …}` shape (a string, or a list of `{loc, msg, type}` for validation errors).
 */
import { randomUUID } from 'node:crypto';

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import { Simulator, type SimRequest, type SimResponse } from './base';

export const ANYREACH_ORG_ID = 'org_7f3a9c';
/** An organization API key with both scopes. */
export const ANYREACH_ORG_KEY = 'ak_k3y9.s3cr3tOrgKeyValue';
/** A personal access token with both scopes (needs X-Anyreach-Org). */
export const ANYREACH_PAT = 'pat_p3rs0nalT0kenValue';
/** An organization API key with campaigns:read only. */
export const ANYREACH_READ_ONLY_KEY = 'ak_r3ad.readOnlyKeyValue';

const SCOPES_ALL = ['campaigns:read', 'campaigns:manage'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
const CONTACT_KEYS = new Set([
	'id',
	'external_id',
	'phone_numbers',
	'data',
	'timezone',
	'scheduled_at',
	'agent_id',
	'agent_config',
	'agent_number',
	'agent_version',
	'initial_context',
]);
const CONTACT_STATUSES = ['pending', 'locked', 'in_progress', 'completed', 'exhausted', 'error'];
const CAMPAIGN_STATUSES = ['active', 'paused', 'closed'];

export type CampaignStatus = 'active' | 'paused' | 'closed';

export interface StoredContact {
	id: string;
	campaign_id: string | null;
	external_id: string | null;
	phone_numbers: string[];
	data: Record<string, unknown>;
	timezone: string | null;
	scheduled_at: string | null;
	agent_id: string | null;
	agent_config: Record<string, unknown> | null;
	agent_number: string | null;
	agent_version: string | number | null;
	initial_context: string | null;
	status: string;
	attempts: unknown[];
	created_at: string;
	updated_at: string;
}

export interface StoredCampaign {
	id: string;
	name: string;
	external_id: string | null;
	status: CampaignStatus;
	/** Spec silent on the JSON name of a campaign's configuration reference; `configuration_id` here. */
	configuration_id: string | null;
	extra: Record<string, unknown>;
	created_at: string;
	updated_at: string;
	contacts: Map<string, StoredContact>;
}

export interface StoredConfiguration {
	id: string;
	fields: Record<string, unknown>;
	created_at: string;
}

interface Token {
	org?: string;
	scopes: string[];
}

const detail = (status: number, message: unknown): SimResponse => ({ status, body: { detail: message } });

const validation = (loc: Array<string | number>, msg: string, type = 'value_error'): SimResponse => ({
	status: 422,
	body: { detail: [{ loc: ['body', ...loc], msg, type }] },
});

function isIanaZone(zone: unknown): boolean {
	if (typeof zone !== 'string' || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Opaque cursors: the offset, base64-encoded with a tag so a made-up cursor is refused. */
const encodeCursor = (offset: number) => Buffer.from(`anyreach:${offset}`).toString('base64url');
function decodeCursor(cursor: string): number | undefined {
	const text = Buffer.from(cursor, 'base64url').toString('utf8');
	const match = /^anyreach:(\d+)$/.exec(text);
	return match ? Number(match[1]) : undefined;
}

export class AnyreachSimulator extends Simulator {
	readonly campaigns = new Map<string, StoredCampaign>();

	readonly configurations = new Map<string, StoredConfiguration>();

	/** Ad-hoc contacts of the special campaign `default`. */
	readonly adHoc = new Map<string, StoredContact>();

	/** Numbers this account's parser refuses although libphonenumber accepts them (models a parser difference, for 422 tests). */
	readonly unparseable = new Set<string>();

	readonly tokens = new Map<string, Token>([
		[ANYREACH_ORG_KEY, { org: ANYREACH_ORG_ID, scopes: SCOPES_ALL }],
		[ANYREACH_PAT, { scopes: SCOPES_ALL }],
		[ANYREACH_READ_ONLY_KEY, { org: ANYREACH_ORG_ID, scopes: ['campaigns:read'] }],
	]);

	/**
	 * The contacts list's `status` filter is not documented: by default it is honoured; set false to
	 * model a provider that ignores it and returns every contact.
	 */
	contactStatusFilter = true;

	/** Spec silent: the default page size of the lists and their largest `limit`. */
	readonly defaultPageSize = 20;

	readonly maxPageSize = 100;

	constructor() {
		super();
		this.authenticate = (request) => this.checkAuth(request);
		this.route('POST', '/campaign/campaigns', (request) => this.createCampaign(request));
		this.route('GET', '/campaign/campaigns', (request) => this.listCampaigns(request));
		this.route('GET', '/campaign/campaigns/:id', (request) => this.withCampaign(request, (campaign) => ({ status: 200, body: this.campaignView(campaign) })));
		this.route('PATCH', '/campaign/campaigns/:id', (request) => this.withCampaign(request, (campaign) => this.updateCampaign(campaign, request)));
		this.route('POST', '/campaign/campaigns/:id/start', (request) => this.withCampaign(request, (campaign) => this.transition(campaign, 'start')));
		this.route('POST', '/campaign/campaigns/:id/pause', (request) => this.withCampaign(request, (campaign) => this.transition(campaign, 'pause')));
		this.route('POST', '/campaign/campaigns/:id/close', (request) => this.withCampaign(request, (campaign) => this.transition(campaign, 'close')));
		this.route('GET', '/campaign/campaigns/:id/stats', (request) => this.withCampaign(request, (campaign) => this.stats(campaign)));
		this.route('POST', '/campaign/campaigns/:id/contacts', (request) => this.upsertContacts(request));
		this.route('GET', '/campaign/campaigns/:id/contacts', (request) => this.listContacts(request));
		this.route('GET', '/campaign/campaigns/:id/contacts/:contactId', (request) => this.withContact(request, (_, contact) => ({ status: 200, body: contact })));
		this.route('DELETE', '/campaign/campaigns/:id/contacts/:contactId', (request) =>
			this.withContact(request, (contacts, contact) => {
				contacts.delete(contact.id);
				return { status: 204 };
			}),
		);
		this.route('POST', '/campaign/configurations', (request) => this.createConfiguration(request));
		this.route('GET', '/campaign/configurations', (request) => this.listConfigurations(request));
		this.route('GET', '/campaign/configurations/:configId', (request) => this.withConfiguration(request, (config) => ({ status: 200, body: this.configurationView(config) })));
		this.route('PATCH', '/campaign/configurations/:configId', (request) => this.withConfiguration(request, (config) => this.updateConfiguration(config, request)));
		this.route('DELETE', '/campaign/configurations/:configId', (request) => this.withConfiguration(request, (config) => this.deleteConfiguration(config)));
	}

	// ---- test helpers ---------------------------------------------------------------------

	addConfiguration(fields: Record<string, unknown> = { default_country_code: 'US' }): StoredConfiguration {
		const config: StoredConfiguration = { id: randomUUID(), fields, created_at: new Date().toISOString() };
		this.configurations.set(config.id, config);
		return config;
	}

	addCampaign(init: Partial<Pick<StoredCampaign, 'name' | 'external_id' | 'status' | 'configuration_id'>> = {}): StoredCampaign {
		const now = new Date().toISOString();
		const campaign: StoredCampaign = {
			id: randomUUID(),
			name: init.name ?? 'Campaign',
			external_id: init.external_id ?? null,
			status: init.status ?? 'active',
			configuration_id: init.configuration_id ?? null,
			extra: {},
			created_at: now,
			updated_at: now,
			contacts: new Map(),
		};
		this.campaigns.set(campaign.id, campaign);
		return campaign;
	}

	contactsOf(campaignId: string): StoredContact[] {
		if (campaignId === 'default') return [...this.adHoc.values()];
		return [...(this.resolveCampaign(campaignId)?.contacts.values() ?? [])];
	}

	// ---- auth -----------------------------------------------------------------------------

	private checkAuth(request: SimRequest): SimResponse | undefined {
		const header = request.headers.authorization;
		const match = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header) : null;
		if (!match) return detail(401, 'Missing Bearer token');
		const token = this.tokens.get(match[1]);
		if (!token) return detail(401, 'Invalid token');
		const orgHeader = request.headers['x-anyreach-org'];
		// Spec silent on an empty header: refused, so that a client sending it empty is caught.
		if (orgHeader !== undefined && String(orgHeader).trim() === '') return detail(400, 'X-Anyreach-Org must not be empty');
		if (match[1].startsWith('pat_')) {
			if (orgHeader === undefined) return detail(401, 'Token is missing organization claim');
			// Spec silent: a PAT naming an organization its user is not in gets 403.
			if (orgHeader !== ANYREACH_ORG_ID) return detail(403, 'Not a member of this organization');
		} else if (orgHeader !== undefined && orgHeader !== token.org) {
			// Spec silent: an org key used with another organization's header gets 403.
			return detail(403, 'Token is bound to another organization');
		}
		const needed = request.method === 'GET' ? ['campaigns:read', 'campaigns:manage'] : ['campaigns:manage'];
		if (!needed.some((scope) => token.scopes.includes(scope))) {
			return detail(403, `Missing required scope: ${needed.join(' or ')}`);
		}
		return undefined;
	}

	// ---- campaigns ------------------------------------------------------------------------

	/** `{id}` is a UUID first, then an external_id. */
	private resolveCampaign(id: string): StoredCampaign | undefined {
		if (UUID.test(id)) {
			const found = this.campaigns.get(id.toLowerCase());
			if (found) return found;
		}
		for (const campaign of this.campaigns.values()) if (campaign.external_id === id) return campaign;
		return undefined;
	}

	private withCampaign(request: SimRequest, then: (campaign: StoredCampaign) => SimResponse): SimResponse {
		const campaign = this.resolveCampaign(request.params.id);
		return campaign ? then(campaign) : detail(404, 'Campaign not found');
	}

	private campaignView(campaign: StoredCampaign): Record<string, unknown> {
		const { contacts, extra, ...fields } = campaign;
		return { ...extra, ...fields, contact_count: contacts.size };
	}

	private applyCampaignFields(campaign: StoredCampaign | undefined, body: Record<string, unknown>): { error: SimResponse } | { changes: Record<string, unknown> } {
		const changes: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(body)) {
			if (key === 'status') return { error: validation([key], 'status is changed with start, pause or close') };
			if (key === 'name') {
				if (typeof value !== 'string' || value.trim() === '') return { error: validation([key], 'name must be a non-empty string') };
			} else if (key === 'external_id') {
				if (value !== null && typeof value !== 'string') return { error: validation([key], 'external_id must be a string') };
				const other = typeof value === 'string' ? this.resolveCampaign(value) : undefined;
				// Spec silent on duplicate campaign external_ids: refused with 409, since {id} resolves by it.
				if (other && other !== campaign && other.external_id === value) return { error: detail(409, `external_id "${value}" is already used by another campaign`) };
			} else if (key === 'configuration_id') {
				if (value !== null && (typeof value !== 'string' || !this.configurations.has(value))) {
					return { error: validation([key], 'configuration not found') };
				}
			}
			changes[key] = value;
		}
		return { changes };
	}

	private createCampaign(request: SimRequest): SimResponse {
		if (request.badJson) return detail(400, 'Invalid JSON body');
		const body = request.body;
		if (!isObject(body)) return validation([], 'body must be an object');
		if (typeof body.name !== 'string' || body.name.trim() === '') return validation(['name'], 'field required', 'missing');
		const { contacts, ...rest } = body;
		const applied = this.applyCampaignFields(undefined, rest);
		if ('error' in applied) return applied.error;
		const campaign = this.addCampaign();
		this.assignCampaign(campaign, applied.changes);
		if (contacts !== undefined) {
			// Inline contacts on create: up to 5,000.
			const result = this.upsertInto(campaign, contacts, 5000);
			if (result.status >= 300) {
				this.campaigns.delete(campaign.id);
				return result;
			}
		}
		return { status: 201, body: this.campaignView(campaign) };
	}

	private assignCampaign(campaign: StoredCampaign, changes: Record<string, unknown>): void {
		for (const [key, value] of Object.entries(changes)) {
			if (key === 'name') campaign.name = value as string;
			else if (key === 'external_id') campaign.external_id = value as string | null;
			else if (key === 'configuration_id') campaign.configuration_id = value as string | null;
			else campaign.extra[key] = value;
		}
		campaign.updated_at = new Date().toISOString();
	}

	private updateCampaign(campaign: StoredCampaign, request: SimRequest): SimResponse {
		if (request.badJson) return detail(400, 'Invalid JSON body');
		if (!isObject(request.body)) return validation([], 'body must be an object');
		const applied = this.applyCampaignFields(campaign, request.body);
		if ('error' in applied) return applied.error;
		this.assignCampaign(campaign, applied.changes);
		return { status: 200, body: this.campaignView(campaign) };
	}

	private listCampaigns(request: SimRequest): SimResponse {
		const page = this.page(request);
		if ('status' in page) return page;
		// Spec: one `status`. Sent twice, FastAPI's scalar parameter keeps the last value.
		const statuses = (request.queryAll.status ?? []).slice(-1);
		for (const status of statuses) {
			if (!CAMPAIGN_STATUSES.includes(status)) return { status: 422, body: { detail: [{ loc: ['query', 'status'], msg: `unknown status "${status}"`, type: 'enum' }] } };
		}
		const name = (request.query.name ?? '').toLowerCase();
		const all = [...this.campaigns.values()].filter(
			(campaign) => campaign.name.toLowerCase().includes(name) && (statuses.length === 0 || statuses.includes(campaign.status)),
		);
		const slice = all.slice(page.offset, page.offset + page.limit);
		const next = page.offset + page.limit < all.length ? encodeCursor(page.offset + page.limit) : null;
		return { status: 200, body: { items: slice.map((campaign) => this.campaignView(campaign)), next_cursor: next } };
	}

	/** `limit` and an opaque `cursor`. */
	private page(request: SimRequest): { limit: number; offset: number } | SimResponse {
		const limit = request.query.limit === undefined ? this.defaultPageSize : Number(request.query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > this.maxPageSize) {
			return { status: 422, body: { detail: [{ loc: ['query', 'limit'], msg: `limit must be between 1 and ${this.maxPageSize}`, type: 'value_error' }] } };
		}
		let offset = 0;
		if (request.query.cursor !== undefined) {
			const decoded = decodeCursor(request.query.cursor);
			if (decoded === undefined) return detail(400, 'Invalid cursor');
			offset = decoded;
		}
		return { limit, offset };
	}

	/**
	 * The documented conditions (campaigns/overview): start takes effect unless the campaign is
	 * closed, pause only if it is active, close unless it is already closed; otherwise 400.
	 */
	private transition(campaign: StoredCampaign, action: 'start' | 'pause' | 'close'): SimResponse {
		if (action === 'start') {
			if (campaign.status === 'closed') return detail(400, 'Campaign is closed; a closed campaign cannot be restarted');
			campaign.status = 'active';
		} else if (action === 'pause') {
			if (campaign.status !== 'active') return detail(400, `Campaign is ${campaign.status}; only an active campaign can be paused`);
			campaign.status = 'paused';
		} else {
			if (campaign.status === 'closed') return detail(400, 'Campaign is already closed');
			campaign.status = 'closed';
		}
		campaign.updated_at = new Date().toISOString();
		return { status: 200, body: this.campaignView(campaign) };
	}

	private stats(campaign: StoredCampaign): SimResponse {
		const contacts = [...campaign.contacts.values()];
		const count = (status: string) => contacts.filter((contact) => contact.status === status).length;
		const attempts = contacts.reduce((sum, contact) => sum + contact.attempts.length, 0);
		return {
			status: 200,
			body: {
				contacts: {
					total: contacts.length,
					pending: count('pending'),
					in_progress: count('in_progress') + count('locked'),
					completed: count('completed'),
					exhausted: count('exhausted'),
				},
				attempts: { total: attempts, average_per_contact: contacts.length ? attempts / contacts.length : 0 },
				active_calls: count('in_progress') + count('locked'),
				concurrency_limit: 10,
			},
		};
	}

	// ---- contacts -------------------------------------------------------------------------

	private contactStore(id: string): { contacts: Map<string, StoredContact>; campaign?: StoredCampaign } | undefined {
		if (id === 'default') return { contacts: this.adHoc };
		const campaign = this.resolveCampaign(id);
		return campaign ? { contacts: campaign.contacts, campaign } : undefined;
	}

	/** `{contact_id}` is the contact's UUID, else its external_id within the campaign. */
	private withContact(request: SimRequest, then: (contacts: Map<string, StoredContact>, contact: StoredContact) => SimResponse): SimResponse {
		const store = this.contactStore(request.params.id);
		if (!store) return detail(404, 'Campaign not found');
		const key = request.params.contactId;
		let contact = UUID.test(key) ? store.contacts.get(key.toLowerCase()) : undefined;
		contact ??= [...store.contacts.values()].find((candidate) => candidate.external_id === key);
		return contact ? then(store.contacts, contact) : detail(404, 'Contact not found');
	}

	private upsertContacts(request: SimRequest): SimResponse {
		if (request.badJson) return detail(400, 'Invalid JSON body');
		const store = this.contactStore(request.params.id);
		if (!store) return detail(404, 'Campaign not found');
		if (!isObject(request.body)) return validation([], 'body must be an object');
		if (store.campaign?.status === 'closed') {
			return detail(400, 'Campaign is closed; contacts cannot be added to a closed campaign');
		}
		return this.upsertInto(store.campaign, request.body.contacts, 1000);
	}

	private upsertInto(campaign: StoredCampaign | undefined, contacts: unknown, limit: number): SimResponse {
		const store = campaign ? campaign.contacts : this.adHoc;
		if (!Array.isArray(contacts)) return validation(['contacts'], 'field required', 'missing');
		if (contacts.length === 0) return validation(['contacts'], 'ensure this value has at least 1 item');
		if (contacts.length > limit) return validation(['contacts'], `ensure this value has at most ${limit} items`);
		const config = campaign?.configuration_id ? this.configurations.get(campaign.configuration_id) : undefined;
		// Spec silent on a campaign without a configuration country: US.
		const country = String(config?.fields.default_country_code ?? 'US') as CountryCode;

		const invalidNumbers: string[] = [];
		const normalized: string[][] = [];
		for (let i = 0; i < contacts.length; i++) {
			const contact = contacts[i] as unknown;
			if (!isObject(contact)) return validation(['contacts', i], 'must be an object');
			for (const key of Object.keys(contact)) {
				if (!CONTACT_KEYS.has(key)) return validation(['contacts', i, key], 'extra fields not permitted', 'extra_forbidden');
			}
			const { id, external_id: externalId, phone_numbers: phones, data, timezone, scheduled_at: scheduledAt } = contact;
			if (!Array.isArray(phones) || phones.length === 0 || phones.some((phone) => typeof phone !== 'string')) {
				return validation(['contacts', i, 'phone_numbers'], 'must be a non-empty list of strings');
			}
			if (id !== undefined && (typeof id !== 'string' || !UUID.test(id))) return validation(['contacts', i, 'id'], 'value is not a valid uuid', 'uuid_parsing');
			if (externalId !== undefined && (typeof externalId !== 'string' || externalId === '')) return validation(['contacts', i, 'external_id'], 'must be a non-empty string');
			if (timezone !== undefined && !isIanaZone(timezone)) return validation(['contacts', i, 'timezone'], 'not a valid IANA timezone');
			if (scheduledAt !== undefined && (typeof scheduledAt !== 'string' || !ISO_DATE_TIME.test(scheduledAt) || Number.isNaN(Date.parse(scheduledAt)))) {
				return validation(['contacts', i, 'scheduled_at'], 'invalid datetime format', 'datetime_parsing');
			}
			if (data !== undefined && !isObject(data)) return validation(['contacts', i, 'data'], 'must be an object');
			// "Do not duplicate a structured field inside data": refused here so a client doing it is caught.
			for (const key of Object.keys((data as Record<string, unknown> | undefined) ?? {})) {
				if (CONTACT_KEYS.has(key) && key !== 'data') return validation(['contacts', i, 'data', key], 'structured field duplicated inside data');
			}
			if (contact.agent_config !== undefined && !isObject(contact.agent_config)) return validation(['contacts', i, 'agent_config'], 'must be an object');
			for (const key of ['agent_id', 'agent_number', 'initial_context']) {
				if (contact[key] !== undefined && typeof contact[key] !== 'string') return validation(['contacts', i, key], 'must be a string');
			}
			if (contact.agent_version !== undefined && typeof contact.agent_version !== 'string' && !Number.isInteger(contact.agent_version)) {
				return validation(['contacts', i, 'agent_version'], 'must be a string or an integer');
			}
			const numbers: string[] = [];
			for (const raw of phones as string[]) {
				const adHocBad = !campaign && !/^\+[1-9]\d{6,14}$/.test(raw);
				const parsed = adHocBad ? undefined : parsePhoneNumberFromString(raw, campaign ? country : undefined);
				if (!parsed?.isValid() || this.unparseable.has(raw) || this.unparseable.has(parsed.number)) {
					invalidNumbers.push(raw);
				} else numbers.push(parsed.number);
			}
			normalized.push(numbers);
		}
		if (invalidNumbers.length > 0) {
			return {
				status: 422,
				body: {
					detail: {
						message: `${invalidNumbers.length} phone number(s) could not be normalized to E.164`,
						// "the response lists the first invalid numbers": the first 10 here (spec silent on how many).
						invalid_numbers: invalidNumbers.slice(0, 10),
					},
				},
			};
		}

		let inserted = 0;
		let updated = 0;
		const ids: string[] = [];
		const byExternalId = new Map<string, StoredContact>();
		for (const contact of store.values()) if (contact.external_id !== null) byExternalId.set(contact.external_id, contact);
		const now = new Date().toISOString();
		contacts.forEach((raw: Record<string, unknown>, i) => {
			const id = typeof raw.id === 'string' ? raw.id.toLowerCase() : undefined;
			const externalId = (raw.external_id as string | undefined) ?? null;
			let existing = id ? store.get(id) : undefined;
			if (!existing && externalId !== null) existing = byExternalId.get(externalId);
			const fields = {
				external_id: externalId ?? existing?.external_id ?? null,
				phone_numbers: normalized[i],
				data: (raw.data as Record<string, unknown> | undefined) ?? existing?.data ?? {},
				timezone: (raw.timezone as string | undefined) ?? existing?.timezone ?? null,
				scheduled_at: (raw.scheduled_at as string | undefined) ?? existing?.scheduled_at ?? null,
				agent_id: (raw.agent_id as string | undefined) ?? existing?.agent_id ?? null,
				agent_config: (raw.agent_config as Record<string, unknown> | undefined) ?? existing?.agent_config ?? null,
				agent_number: (raw.agent_number as string | undefined) ?? existing?.agent_number ?? null,
				agent_version: (raw.agent_version as string | number | undefined) ?? existing?.agent_version ?? null,
				initial_context: (raw.initial_context as string | undefined) ?? existing?.initial_context ?? null,
			};
			if (existing) {
				if (existing.external_id !== null) byExternalId.delete(existing.external_id);
				Object.assign(existing, fields, { updated_at: now });
				if (existing.external_id !== null) byExternalId.set(existing.external_id, existing);
				updated++;
				ids.push(existing.id);
			} else {
				// Spec silent on an unknown `id`: the contact is inserted under that id.
				const contact: StoredContact = {
					id: id ?? randomUUID(),
					campaign_id: campaign?.id ?? null,
					...fields,
					status: 'pending',
					attempts: [],
					created_at: now,
					updated_at: now,
				};
				store.set(contact.id, contact);
				if (contact.external_id !== null) byExternalId.set(contact.external_id, contact);
				inserted++;
				ids.push(contact.id);
			}
		});
		// "returns counts plus the resolved IDs" (api-reference/campaigns/overview); the shape is a choice.
		return { status: 200, body: { inserted, updated, ids } };
	}

	private listContacts(request: SimRequest): SimResponse {
		const store = this.contactStore(request.params.id);
		if (!store) return detail(404, 'Campaign not found');
		const limit = request.query.limit === undefined ? 50 : Number(request.query.limit);
		const offset = request.query.offset === undefined ? 0 : Number(request.query.offset);
		if (!Number.isInteger(limit) || limit < 1 || limit > this.maxPageSize) {
			return { status: 422, body: { detail: [{ loc: ['query', 'limit'], msg: `limit must be between 1 and ${this.maxPageSize}`, type: 'value_error' }] } };
		}
		if (!Number.isInteger(offset) || offset < 0) {
			return { status: 422, body: { detail: [{ loc: ['query', 'offset'], msg: 'offset must be 0 or more', type: 'value_error' }] } };
		}
		const status = request.query.status;
		if (status !== undefined && !CONTACT_STATUSES.includes(status)) {
			return { status: 422, body: { detail: [{ loc: ['query', 'status'], msg: `unknown status "${status}"`, type: 'enum' }] } };
		}
		const filter = this.contactStatusFilter ? status : undefined;
		const all = [...store.contacts.values()].filter((contact) => filter === undefined || contact.status === filter);
		return { status: 200, body: { contacts: all.slice(offset, offset + limit), total: all.length, limit, offset } };
	}

	// ---- configurations -------------------------------------------------------------------

	private configurationView(config: StoredConfiguration): Record<string, unknown> {
		return { id: config.id, ...config.fields, created_at: config.created_at };
	}

	private withConfiguration(request: SimRequest, then: (config: StoredConfiguration) => SimResponse): SimResponse {
		const config = this.configurations.get(request.params.configId);
		return config ? then(config) : detail(404, 'Configuration not found');
	}

	/** The documented schedule fields are checked (top level or under `schedule`). */
	private configurationProblem(fields: Record<string, unknown>): SimResponse | undefined {
		const holders: Array<[Record<string, unknown>, string[]]> = [[fields, []]];
		if (isObject(fields.schedule)) holders.push([fields.schedule, ['schedule']]);
		for (const [holder, loc] of holders) {
			if (holder.default_timezone !== undefined && !isIanaZone(holder.default_timezone)) {
				return validation([...loc, 'default_timezone'], 'not a valid IANA timezone');
			}
			for (const key of ['default_windows', 'scheduled_windows']) {
				const windows = holder[key];
				if (windows === undefined || windows === null) continue;
				if (!Array.isArray(windows)) return validation([...loc, key], 'must be a list of windows');
				for (let w = 0; w < windows.length; w++) {
					const window = windows[w] as Record<string, unknown>;
					const days = window?.days;
					if (!Array.isArray(days) || days.length === 0 || days.some((day) => !DAYS.has(String(day)))) {
						return validation([...loc, key, w, 'days'], 'days must be one or more of mon…sun');
					}
					if (typeof window.start !== 'string' || !HH_MM.test(window.start)) return validation([...loc, key, w, 'start'], 'start must be HH:MM');
					if (typeof window.end !== 'string' || !HH_MM.test(window.end)) return validation([...loc, key, w, 'end'], 'end must be HH:MM');
					if (window.start === window.end) return validation([...loc, key, w], 'start and end must differ');
				}
			}
		}
		return undefined;
	}

	private createConfiguration(request: SimRequest): SimResponse {
		if (request.badJson) return detail(400, 'Invalid JSON body');
		if (!isObject(request.body)) return validation([], 'body must be an object');
		const problem = this.configurationProblem(request.body);
		if (problem) return problem;
		const config = this.addConfiguration({ default_timezone: 'America/New_York', default_windows: [], ...request.body });
		return { status: 201, body: this.configurationView(config) };
	}

	private updateConfiguration(config: StoredConfiguration, request: SimRequest): SimResponse {
		if (request.badJson) return detail(400, 'Invalid JSON body');
		if (!isObject(request.body)) return validation([], 'body must be an object');
		const merged = { ...config.fields, ...request.body };
		const problem = this.configurationProblem(merged);
		if (problem) return problem;
		config.fields = merged;
		return { status: 200, body: this.configurationView(config) };
	}

	private deleteConfiguration(config: StoredConfiguration): SimResponse {
		const users = [...this.campaigns.values()].filter((campaign) => campaign.configuration_id === config.id);
		// "delete fails while a campaign uses it": the status is not documented; 400, as for other state conflicts.
		if (users.length > 0) return detail(400, `Configuration is used by ${users.length} campaign(s) and cannot be deleted`);
		this.configurations.delete(config.id);
		return { status: 204 };
	}

	private listConfigurations(request: SimRequest): SimResponse {
		const page = this.page(request);
		if ('status' in page) return page;
		const all = [...this.configurations.values()];
		const next = page.offset + page.limit < all.length ? encodeCursor(page.offset + page.limit) : null;
		return { status: 200, body: { items: all.slice(page.offset, page.offset + page.limit).map((config) => this.configurationView(config)), next_cursor: next } };
	}
}
