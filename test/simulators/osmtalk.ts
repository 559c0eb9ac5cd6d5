/**
 * OSMTalk simulator: enforces ../shared/specs/osmtalk-campaigns-api.md, the OSMTalk section of
 * supplement.md and the docs pages they cite (campaigns/overview, campaigns/csv-format):
 * - `Authorization: Bearer <key>` on every request (401 otherwise);
 * - campaigns: create (always a draft), get, list with `status`, partial PUT, DELETE only from
 *   draft / completed / failed; the lifecycle draft → scheduled → running ↔ paused → completed
 *   (failed when every lead fails) with the documented allowed-from states;
 * - validation answering 400 `{ error, details: [{ field, message }] }`; unknown fields refused;
 * - leads in the three formats (text/csv, `{ leads: [...] }`, `{ csv }`), ≤ 50,000 a request,
 *   ≤ 50 columns after the phone, ≤ 4,000 characters a cell, column-name rules, E.164 phones;
 *   bad rows are reported in `csvErrors` and the rest inserted;
 * - leads listing with `limit` 1–1000 (default 200) and `offset`; the report's counts;
 * - the Do-Not-Call list, with `source` one of manual / opt_out / imported / api and bulk adds of
 *   ≤ 50,000 entries where duplicates are ignored;
 * - 402 when the account's credits (a setting) have run out.
 * Where the spec is silent the choice is commented with "Spec silent".
 */
import { parse } from 'csv-parse/sync';

import { Simulator, type SimRequest, type SimResponse } from './base';

export const OSMTALK_KEY = 'osm_live_test_key_7f3a9c';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** supplement: lead statuses; `pending` (before the first call) is not documented: Spec silent. */
export const LEAD_STATUSES = ['pending', 'completed', 'voicemail', 'no_answer', 'busy', 'failed', 'dnc_blocked'];
export const DISPOSITIONS = ['qualified', 'not_interested', 'callback', 'completed'];
const DNC_SOURCES = ['manual', 'opt_out', 'imported', 'api'];
/** Spec silent on which outcomes can be retried: the non-final call outcomes. */
const RETRYABLE = ['no_answer', 'busy', 'voicemail', 'failed'];

const TRANSITIONS: Record<string, { from: CampaignStatus[] }> = {
	start: { from: ['draft', 'scheduled'] },
	pause: { from: ['running'] },
	resume: { from: ['paused'] },
	stop: { from: ['running', 'paused', 'scheduled'] },
};
const DELETABLE: CampaignStatus[] = ['draft', 'completed', 'failed'];
/** campaigns/overview: config is editable while draft or scheduled; leads are uploaded to a draft. */
const EDITABLE: CampaignStatus[] = ['draft', 'scheduled'];
const ACCEPTS_LEADS: CampaignStatus[] = ['draft'];

const MAX_LEADS = 50_000;
const MAX_COLUMNS = 50;
const MAX_CELL = 4_000;
const MAX_DNC_BULK = 50_000;
const E164 = /^\+[1-9]\d{6,14}$/;
const PHONE_COLUMNS = ['phone', 'phone_number', 'number', 'phonenumber'];
const COLUMN_NAME = /^[\p{L}\p{N}_.-]+(?: [\p{L}\p{N}_.-]+)*$/u;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export interface Campaign {
	id: string;
	name: string;
	status: CampaignStatus;
	agentId: string;
	phoneNumberId: string;
	agentVersion: number;
	maxConcurrent: number;
	scheduledStartAt: string | null;
	schedule: Record<string, unknown> | null;
	retryPolicy: Record<string, unknown> | null;
	webhookUrl: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface Lead {
	id: string;
	phoneNumber: string;
	variables: Record<string, string>;
	status: string;
	disposition: string | null;
	attempts: number;
	callId: string | null;
}

export interface DncEntry {
	id: string;
	phoneNumber: string;
	reason: string | null;
	source: string;
	createdAt: string;
}

type Detail = { field: string; message: string };

const invalid = (details: Detail[], error = 'Validation failed'): SimResponse => ({ status: 400, body: { error, details } });
const notFound = (what: string): SimResponse => ({ status: 404, body: { error: `${what} not found` } });

function isTimeZone(name: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

export class OsmTalkSimulator extends Simulator {
	/** Credits left on the account; `undefined` = unlimited. Start / Resume answer 402 at 0 or below. */
	credits: number | undefined = undefined;

	/** Whether a refused state change names the campaign's current status (the docs do not say; default: no). */
	refusalNamesStatus = false;

	/** Server-side lead checks the node cannot make: phone → the csvErrors text (e.g. an unreachable number). */
	readonly leadErrors = new Map<string, string>();

	readonly agents = new Map<string, { id: string; currentVersion: number }>();

	readonly phoneNumbers = new Set<string>();

	readonly campaigns = new Map<string, Campaign>();

	readonly leads = new Map<string, Lead[]>();

	readonly dnc = new Map<string, DncEntry>();

	private counter = 1;

	constructor(readonly apiKey = OSMTALK_KEY) {
		super();
		this.maxBodyBytes = 100 * 1024 * 1024;
		this.authenticate = (request) =>
			request.headers.authorization === `Bearer ${this.apiKey}`
				? undefined
				: { status: 401, body: { error: 'Missing or invalid API key' } };
		// The DNC routes come first: `/api/campaigns/dnc` would otherwise match `/api/campaigns/:id`.
		this.route('GET', '/api/campaigns/dnc', () => this.listDnc());
		this.route('POST', '/api/campaigns/dnc', (request) => this.addDnc(request));
		this.route('POST', '/api/campaigns/dnc/bulk', (request) => this.bulkDnc(request));
		this.route('DELETE', '/api/campaigns/dnc/:id', (request) => this.removeDnc(request));
		this.route('POST', '/api/campaigns', (request) => this.create(request));
		this.route('GET', '/api/campaigns', (request) => this.list(request));
		this.route('GET', '/api/campaigns/:id', (request) => this.get(request));
		this.route('PUT', '/api/campaigns/:id', (request) => this.update(request));
		this.route('DELETE', '/api/campaigns/:id', (request) => this.remove(request));
		for (const action of Object.keys(TRANSITIONS)) {
			this.route('POST', `/api/campaigns/:id/${action}`, (request) => this.transition(request, action));
		}
		this.route('POST', '/api/campaigns/:id/leads', (request) => this.uploadLeads(request));
		this.route('GET', '/api/campaigns/:id/leads', (request) => this.listLeads(request));
		this.route('GET', '/api/campaigns/:id/report', (request) => this.report(request));
	}

	addAgent(id: string, currentVersion = 1): void {
		this.agents.set(id, { id, currentVersion });
	}

	addPhoneNumber(id: string): void {
		this.phoneNumbers.add(id);
	}

	/** Puts a campaign straight into the store, in any state (test setup). */
	seedCampaign(fields: Partial<Campaign> & { id?: string } = {}): Campaign {
		const now = new Date().toISOString();
		const campaign: Campaign = {
			id: fields.id ?? this.nextId('cmp'),
			name: 'Seeded',
			status: 'draft',
			agentId: 'agent_1',
			phoneNumberId: 'pn_1',
			agentVersion: 1,
			maxConcurrent: 5,
			scheduledStartAt: null,
			schedule: null,
			retryPolicy: null,
			webhookUrl: null,
			createdAt: now,
			updatedAt: now,
			...fields,
		};
		this.campaigns.set(campaign.id, campaign);
		if (!this.leads.has(campaign.id)) this.leads.set(campaign.id, []);
		return campaign;
	}

	/** Ends every pending lead of a campaign as a call would (test setup): DNC numbers are blocked. */
	placeCalls(campaignId: string, outcome: (lead: Lead) => { status: string; disposition?: string | null }): void {
		for (const lead of this.leads.get(campaignId) ?? []) {
			if (lead.status !== 'pending') continue;
			if ([...this.dnc.values()].some((entry) => entry.phoneNumber === lead.phoneNumber)) {
				lead.status = 'dnc_blocked';
				continue;
			}
			const result = outcome(lead);
			lead.status = result.status;
			lead.disposition = result.disposition ?? null;
			lead.attempts++;
			lead.callId = this.nextId('call');
		}
	}

	private nextId(prefix: string): string {
		return `${prefix}_${this.counter++}`;
	}

	private found(request: SimRequest): Campaign | undefined {
		return this.campaigns.get(request.params.id);
	}

	/** Checks a campaign body; `partial` for PUT. Returns the details of what is wrong. */
	private validateCampaign(body: Record<string, unknown>, partial: boolean): Detail[] {
		const details: Detail[] = [];
		const known = ['name', 'agentId', 'phoneNumberId', 'agentVersion', 'maxConcurrent', 'scheduledStartAt', 'schedule', 'retryPolicy', 'webhookUrl'];
		for (const key of Object.keys(body)) if (!known.includes(key)) details.push({ field: key, message: 'unknown field' });
		for (const key of ['name', 'agentId', 'phoneNumberId']) {
			if (body[key] === undefined) {
				if (!partial) details.push({ field: key, message: 'is required' });
			} else if (typeof body[key] !== 'string' || (body[key] as string).trim() === '') {
				details.push({ field: key, message: 'must be a non-empty string' });
			}
		}
		if (body.agentVersion !== undefined && (!Number.isInteger(body.agentVersion) || (body.agentVersion as number) < 1)) {
			details.push({ field: 'agentVersion', message: 'must be a positive integer' });
		}
		// Spec: "maxConcurrent": 1–50. Spec silent on whether it is required: optional, default 1.
		if (body.maxConcurrent !== undefined) {
			const max = body.maxConcurrent;
			if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 50) {
				details.push({ field: 'maxConcurrent', message: 'must be an integer between 1 and 50' });
			}
		}
		if (body.scheduledStartAt !== undefined && body.scheduledStartAt !== null) {
			const at = body.scheduledStartAt;
			if (typeof at !== 'string' || !WITH_OFFSET.test(at) || Number.isNaN(Date.parse(at))) {
				details.push({ field: 'scheduledStartAt', message: 'must be an ISO 8601 date-time with offset' });
			}
		}
		if (body.schedule !== undefined && body.schedule !== null) {
			const schedule = body.schedule;
			if (!isObject(schedule)) details.push({ field: 'schedule', message: 'must be an object' });
			else {
				// Spec silent on partial schedules: the four fields of the example are all required.
				for (const key of Object.keys(schedule)) {
					if (!['timezone', 'windowStart', 'windowEnd', 'weekdays'].includes(key)) details.push({ field: `schedule.${key}`, message: 'unknown field' });
				}
				if (typeof schedule.timezone !== 'string' || !isTimeZone(schedule.timezone)) {
					details.push({ field: 'schedule.timezone', message: 'must be an IANA time zone' });
				}
				for (const key of ['windowStart', 'windowEnd']) {
					if (typeof schedule[key] !== 'string' || !HH_MM.test(schedule[key] as string)) {
						details.push({ field: `schedule.${key}`, message: 'must be HH:MM' });
					}
				}
				// Spec silent on windows that cross midnight: refused (end must follow start).
				if (typeof schedule.windowStart === 'string' && typeof schedule.windowEnd === 'string' && schedule.windowEnd <= schedule.windowStart) {
					details.push({ field: 'schedule.windowEnd', message: 'must be after windowStart' });
				}
				// Spec silent on the numbering: [1,2,3,4,5] read as ISO weekdays, 1 = Monday … 7 = Sunday.
				const days = schedule.weekdays;
				if (
					!Array.isArray(days) ||
					days.length === 0 ||
					days.some((day) => !Number.isInteger(day) || day < 1 || day > 7) ||
					new Set(days).size !== days.length
				) {
					details.push({ field: 'schedule.weekdays', message: 'must be a non-empty list of distinct days 1–7' });
				}
			}
		}
		if (body.retryPolicy !== undefined && body.retryPolicy !== null) {
			const retry = body.retryPolicy;
			if (!isObject(retry)) details.push({ field: 'retryPolicy', message: 'must be an object' });
			else {
				for (const key of Object.keys(retry)) {
					if (!['maxAttempts', 'backoffMinutes', 'retryOn'].includes(key)) details.push({ field: `retryPolicy.${key}`, message: 'unknown field' });
				}
				if (!Number.isInteger(retry.maxAttempts) || (retry.maxAttempts as number) < 1) {
					details.push({ field: 'retryPolicy.maxAttempts', message: 'must be a positive integer' });
				}
				if (!Number.isInteger(retry.backoffMinutes) || (retry.backoffMinutes as number) < 1) {
					details.push({ field: 'retryPolicy.backoffMinutes', message: 'must be a positive integer' });
				}
				if (!Array.isArray(retry.retryOn) || retry.retryOn.some((value) => !RETRYABLE.includes(value as string))) {
					details.push({ field: 'retryPolicy.retryOn', message: `must be a list of ${RETRYABLE.join(', ')}` });
				}
			}
		}
		if (body.webhookUrl !== undefined && body.webhookUrl !== null) {
			let ok = false;
			try {
				const url = new URL(String(body.webhookUrl));
				ok = typeof body.webhookUrl === 'string' && (url.protocol === 'https:' || url.protocol === 'http:');
			} catch {
				ok = false;
			}
			if (!ok) details.push({ field: 'webhookUrl', message: 'must be an http(s) URL' });
		}
		return details;
	}

	/** 404 / 400 for references to agents and phone numbers; undefined when they exist. */
	private checkReferences(body: Record<string, unknown>, current?: Campaign): SimResponse | undefined {
		const agentId = (body.agentId as string | undefined) ?? current?.agentId;
		const agent = agentId === undefined ? undefined : this.agents.get(agentId);
		if (body.agentId !== undefined && !agent) return notFound('Agent');
		if (body.phoneNumberId !== undefined && !this.phoneNumbers.has(body.phoneNumberId as string)) return notFound('Phone number');
		if (body.agentVersion !== undefined && agent && (body.agentVersion as number) > agent.currentVersion) {
			return invalid([{ field: 'agentVersion', message: `agent ${agent.id} has no version ${String(body.agentVersion)}` }]);
		}
		return undefined;
	}

	private create(request: SimRequest): SimResponse {
		if (request.badJson || !isObject(request.body)) return invalid([{ field: 'body', message: 'must be a JSON object' }]);
		const body = request.body;
		const details = this.validateCampaign(body, false);
		if (details.length > 0) return invalid(details);
		const refused = this.checkReferences(body);
		if (refused) return refused;
		const agent = this.agents.get(body.agentId as string)!;
		const campaign = this.seedCampaign({
			name: (body.name as string).trim(),
			status: 'draft',
			agentId: body.agentId as string,
			phoneNumberId: body.phoneNumberId as string,
			agentVersion: (body.agentVersion as number | undefined) ?? agent.currentVersion,
			maxConcurrent: (body.maxConcurrent as number | undefined) ?? 1,
			scheduledStartAt: (body.scheduledStartAt as string | undefined) ?? null,
			schedule: (body.schedule as Record<string, unknown> | undefined) ?? null,
			retryPolicy: (body.retryPolicy as Record<string, unknown> | undefined) ?? null,
			webhookUrl: (body.webhookUrl as string | undefined) ?? null,
		});
		return { status: 201, body: campaign };
	}

	private list(request: SimRequest): SimResponse {
		const { status } = request.query;
		if (status !== undefined && !(CAMPAIGN_STATUSES as readonly string[]).includes(status)) {
			return invalid([{ field: 'status', message: `must be one of ${CAMPAIGN_STATUSES.join(', ')}` }]);
		}
		const campaigns = [...this.campaigns.values()].filter((campaign) => status === undefined || campaign.status === status);
		return { status: 200, body: { campaigns } };
	}

	private get(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		return campaign ? { status: 200, body: campaign } : notFound('Campaign');
	}

	/** A refusal because of the campaign's state; names the state only when `refusalNamesStatus`. */
	private stateRefusal(campaign: Campaign, action: string, allowedFrom: CampaignStatus[], error: string): SimResponse {
		const details: Record<string, unknown> = { action, allowedFrom };
		if (this.refusalNamesStatus) details.currentStatus = campaign.status;
		return { status: 400, body: { error, details } };
	}

	private update(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		if (request.badJson || !isObject(request.body)) return invalid([{ field: 'body', message: 'must be a JSON object' }]);
		const body = request.body;
		if (Object.keys(body).length === 0) return invalid([{ field: 'body', message: 'no fields to update' }]);
		const details = this.validateCampaign(body, true);
		if (details.length > 0) return invalid(details);
		if (!EDITABLE.includes(campaign.status)) return this.stateRefusal(campaign, 'update', EDITABLE, 'Campaign cannot be edited in its current state');
		const refused = this.checkReferences(body, campaign);
		if (refused) return refused;
		Object.assign(campaign, body, { updatedAt: new Date().toISOString() });
		return { status: 200, body: campaign };
	}

	private remove(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		if (!DELETABLE.includes(campaign.status)) return this.stateRefusal(campaign, 'delete', DELETABLE, 'Campaign cannot be deleted in its current state');
		this.campaigns.delete(campaign.id);
		this.leads.delete(campaign.id);
		return { status: 204 };
	}

	private transition(request: SimRequest, action: string): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		const { from } = TRANSITIONS[action];
		if (!from.includes(campaign.status)) return this.stateRefusal(campaign, action, from, 'Invalid state transition');
		if ((action === 'start' || action === 'resume') && this.credits !== undefined && this.credits <= 0) {
			return { status: 402, body: { error: 'Insufficient credits' } };
		}
		// Spec silent: starting a campaign without leads is refused.
		if (action === 'start' && (this.leads.get(campaign.id) ?? []).length === 0) {
			return invalid([{ field: 'leads', message: 'campaign has no leads' }], 'Campaign has no leads');
		}
		const scheduledLater = campaign.scheduledStartAt !== null && Date.parse(campaign.scheduledStartAt) > Date.now();
		const next: Record<string, CampaignStatus> = {
			start: campaign.status === 'draft' && scheduledLater ? 'scheduled' : 'running',
			pause: 'paused',
			resume: 'running',
			stop: 'completed',
		};
		campaign.status = next[action];
		campaign.updatedAt = new Date().toISOString();
		return { status: 200, body: campaign };
	}

	private checkHeader(columns: string[]): { phone?: string; details: Detail[] } {
		const details: Detail[] = [];
		const phones = columns.filter((column) => PHONE_COLUMNS.includes(column.trim().toLowerCase()));
		if (phones.length === 0) details.push({ field: 'csv', message: 'no phone column (phone, phone_number, number or phoneNumber)' });
		if (phones.length > 1) details.push({ field: 'csv', message: `column "${phones[1]}" collides with the phone column "${phones[0]}"` });
		const others = columns.filter((column) => !phones.includes(column));
		if (others.length > MAX_COLUMNS) details.push({ field: 'csv', message: `${others.length} columns after the phone; at most ${MAX_COLUMNS}` });
		for (const column of others) {
			if (column.length < 1 || column.length > 64 || !COLUMN_NAME.test(column)) {
				details.push({ field: `csv.${column}`, message: 'column names are 1–64 letters, digits, _ - . or single inner spaces' });
			}
		}
		return { phone: phones[0], details };
	}

	/** Checks one lead; returns why it cannot be stored, or undefined. */
	private leadProblem(phoneNumber: unknown, variables: Record<string, unknown>): string | undefined {
		if (typeof phoneNumber !== 'string' || !E164.test(phoneNumber)) return `phone number ${JSON.stringify(phoneNumber)} is not E.164`;
		const names = Object.keys(variables);
		if (names.length > MAX_COLUMNS) return `${names.length} variables; at most ${MAX_COLUMNS}`;
		for (const name of names) {
			if (name.length < 1 || name.length > 64 || !COLUMN_NAME.test(name)) return `variable name "${name}" is not allowed`;
			if (PHONE_COLUMNS.includes(name.toLowerCase())) return `variable "${name}" collides with the phone column`;
			const value = variables[name];
			// Spec silent on typed variables: every example is text, so only strings are accepted.
			if (typeof value !== 'string') return `variable "${name}" must be a string`;
			if (value.length > MAX_CELL) return `variable "${name}" is longer than ${MAX_CELL} characters`;
		}
		return this.leadErrors.get(phoneNumber);
	}

	private uploadLeads(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		const type = String(request.headers['content-type'] ?? '');
		let rows: Array<{ phoneNumber: unknown; variables: Record<string, unknown>; problem?: string }>;
		if (type.startsWith('text/csv') || (type.includes('json') && isObject(request.body) && typeof request.body.csv === 'string')) {
			const text = type.startsWith('text/csv') ? request.rawBody.toString('utf8') : ((request.body as Record<string, unknown>).csv as string);
			let records: string[][];
			try {
				records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
			} catch (error) {
				return invalid([{ field: 'csv', message: `unreadable CSV: ${(error as Error).message}` }]);
			}
			if (records.length === 0) return invalid([{ field: 'csv', message: 'empty file' }]);
			const header = records[0];
			const { phone, details } = this.checkHeader(header);
			if (details.length > 0) return invalid(details);
			rows = records.slice(1).map((record) => {
				const variables: Record<string, unknown> = {};
				let phoneNumber: unknown;
				header.forEach((column, index) => {
					if (column === phone) phoneNumber = (record[index] ?? '').trim();
					else variables[column] = record[index] ?? '';
				});
				return { phoneNumber, variables };
			});
		} else if (type.includes('json')) {
			if (request.badJson || !isObject(request.body)) return invalid([{ field: 'body', message: 'must be a JSON object' }]);
			const body = request.body;
			if (!Array.isArray(body.leads)) return invalid([{ field: 'leads', message: 'must be an array (or send csv)' }]);
			rows = [];
			for (const lead of body.leads) {
				if (!isObject(lead)) {
					rows.push({ phoneNumber: undefined, variables: {}, problem: 'a lead must be an object' });
					continue;
				}
				const extra = Object.keys(lead).filter((key) => key !== 'phoneNumber' && key !== 'variables');
				const variables = lead.variables === undefined ? {} : lead.variables;
				rows.push({
					phoneNumber: lead.phoneNumber,
					variables: isObject(variables) ? variables : {},
					problem: extra.length > 0 ? `unknown field "${extra[0]}"` : isObject(variables) ? undefined : 'variables must be an object',
				});
			}
		} else {
			return { status: 415, body: { error: 'Content-Type must be text/csv or application/json' } };
		}
		if (rows.length === 0) return invalid([{ field: 'leads', message: 'no leads' }]);
		if (rows.length > MAX_LEADS) return invalid([{ field: 'leads', message: `at most ${MAX_LEADS} leads per upload, got ${rows.length}` }]);
		if (!ACCEPTS_LEADS.includes(campaign.status)) {
			return this.stateRefusal(campaign, 'uploadLeads', ACCEPTS_LEADS, 'Leads can only be uploaded to a draft campaign');
		}

		// Spec silent on the shape of csvErrors: `{ row, phoneNumber, error }`, `row` 1-based over the
		// data rows (the CSV header not counted) or over the `leads` array.
		const csvErrors: Array<{ row: number; phoneNumber: unknown; error: string }> = [];
		const stored = this.leads.get(campaign.id)!;
		let inserted = 0;
		rows.forEach((row, index) => {
			const problem = row.problem ?? this.leadProblem(row.phoneNumber, row.variables);
			if (problem) {
				csvErrors.push({ row: index + 1, phoneNumber: row.phoneNumber ?? null, error: problem });
				return;
			}
			// Spec silent on duplicate phone numbers in a campaign: stored as given.
			stored.push({
				id: this.nextId('lead'),
				phoneNumber: row.phoneNumber as string,
				variables: row.variables as Record<string, string>,
				status: 'pending',
				disposition: null,
				attempts: 0,
				callId: null,
			});
			inserted++;
		});
		return { status: 200, body: { inserted, csvErrors } };
	}

	private listLeads(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		const { status, limit: rawLimit, offset: rawOffset } = request.query;
		const details: Detail[] = [];
		const limit = rawLimit === undefined ? 200 : Number(rawLimit);
		const offset = rawOffset === undefined ? 0 : Number(rawOffset);
		if (!Number.isInteger(limit) || limit < 1 || limit > 1000) details.push({ field: 'limit', message: 'must be an integer from 1 to 1000' });
		if (!Number.isInteger(offset) || offset < 0) details.push({ field: 'offset', message: 'must be a non-negative integer' });
		if (status !== undefined && !LEAD_STATUSES.includes(status)) details.push({ field: 'status', message: `must be one of ${LEAD_STATUSES.join(', ')}` });
		if (details.length > 0) return invalid(details);
		const all = (this.leads.get(campaign.id) ?? []).filter((lead) => status === undefined || lead.status === status);
		return { status: 200, body: { leads: all.slice(offset, offset + limit), total: all.length, limit, offset } };
	}

	private report(request: SimRequest): SimResponse {
		const campaign = this.found(request);
		if (!campaign) return notFound('Campaign');
		const byStatus: Record<string, number> = {};
		const byDisposition: Record<string, number> = {};
		for (const lead of this.leads.get(campaign.id) ?? []) {
			byStatus[lead.status] = (byStatus[lead.status] ?? 0) + 1;
			if (lead.disposition) byDisposition[lead.disposition] = (byDisposition[lead.disposition] ?? 0) + 1;
		}
		return { status: 200, body: { campaign, counts: { byStatus, byDisposition } } };
	}

	private dncEntryProblem(entry: unknown, prefix: string): Detail[] {
		if (!isObject(entry)) return [{ field: prefix || 'body', message: 'must be an object' }];
		const details: Detail[] = [];
		const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
		for (const key of Object.keys(entry)) {
			if (!['phoneNumber', 'reason', 'source'].includes(key)) details.push({ field: at(key), message: 'unknown field' });
		}
		if (typeof entry.phoneNumber !== 'string' || !E164.test(entry.phoneNumber)) details.push({ field: at('phoneNumber'), message: 'must be E.164' });
		if (entry.reason !== undefined && typeof entry.reason !== 'string') details.push({ field: at('reason'), message: 'must be a string' });
		// Spec silent on whether source is required: optional, default "api"; when given, one of the four.
		if (entry.source !== undefined && !DNC_SOURCES.includes(entry.source as string)) {
			details.push({ field: at('source'), message: `must be one of ${DNC_SOURCES.join(', ')}` });
		}
		return details;
	}

	private storeDnc(entry: Record<string, unknown>): { entry: DncEntry; created: boolean } {
		const existing = [...this.dnc.values()].find((known) => known.phoneNumber === entry.phoneNumber);
		if (existing) return { entry: existing, created: false };
		const created: DncEntry = {
			id: this.nextId('dnc'),
			phoneNumber: entry.phoneNumber as string,
			reason: (entry.reason as string | undefined) ?? null,
			source: (entry.source as string | undefined) ?? 'api',
			createdAt: new Date().toISOString(),
		};
		this.dnc.set(created.id, created);
		return { entry: created, created: true };
	}

	private listDnc(): SimResponse {
		return { status: 200, body: { entries: [...this.dnc.values()] } };
	}

	private addDnc(request: SimRequest): SimResponse {
		if (request.badJson) return invalid([{ field: 'body', message: 'must be JSON' }]);
		const details = this.dncEntryProblem(request.body, "");
		if (details.length > 0) return invalid(details);
		// Spec silent on adding a number already listed: answered with the existing entry (200).
		const { entry, created } = this.storeDnc(request.body as Record<string, unknown>);
		return { status: created ? 201 : 200, body: entry };
	}

	private bulkDnc(request: SimRequest): SimResponse {
		if (request.badJson || !isObject(request.body)) return invalid([{ field: 'body', message: 'must be a JSON object' }]);
		const entries = request.body.entries;
		if (!Array.isArray(entries) || entries.length === 0) return invalid([{ field: 'entries', message: 'must be a non-empty array' }]);
		if (entries.length > MAX_DNC_BULK) return invalid([{ field: 'entries', message: `at most ${MAX_DNC_BULK} entries, got ${entries.length}` }]);
		// Spec silent on a bad entry: the whole request is refused, naming each bad entry.
		const details = entries.flatMap((entry, index) => this.dncEntryProblem(entry, `entries[${index}]`));
		if (details.length > 0) return invalid(details);
		let inserted = 0;
		for (const entry of entries as Array<Record<string, unknown>>) if (this.storeDnc(entry).created) inserted++;
		// Spec: "Duplicates ignored". The answer's shape is not documented: { inserted, ignored }.
		return { status: 200, body: { inserted, ignored: entries.length - inserted } };
	}

	private removeDnc(request: SimRequest): SimResponse {
		if (!this.dnc.delete(request.params.id)) return notFound('DNC entry');
		return { status: 200, body: { deleted: true, id: request.params.id } };
	}
}
