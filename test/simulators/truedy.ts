/**
 * Truedy simulator: enforces ../shared/specs/truedy-add-batch-call-contacts.md and the Truedy
 * section of supplement.md — Bearer auth, the response envelope `{data, meta}`, the error envelope
 * `{error: {code, message, details}}`, FastAPI-style 422 `{detail: [{loc, msg, type}]}` for schema
 * violations, X-Idempotency-Key on POST /batch-calls, the batch-call state rules of the
 * pause/resume/edit guide, bulk delete, and the per-organization rate limit whose 429 carries
 * `error.details.reset_at` and no Retry-After.
 *
 * Where the spec is silent (marked "choice:"), the most plausible behaviour is used.
 */
import { Simulator, type SimRequest, type SimResponse } from './base';

export const TRUEDY_KEY = 'truedy_test_key_0123456789';

const E164 = /^\+[1-9]\d{1,14}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export type BatchStatus = 'draft' | 'scheduled' | 'active' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface StoredContact {
	phone_number: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	custom_fields: Record<string, unknown> | null;
}

export interface BatchCall {
	id: string;
	name: string;
	agent_id: string;
	status: BatchStatus;
	schedule_type: 'immediate' | 'scheduled' | null;
	scheduled_at: string | null;
	timezone: string;
	settings: Record<string, unknown>;
	contacts: StoredContact[];
	created_at: string;
	updated_at: string;
}

interface Issue {
	loc: Array<string | number>;
	msg: string;
	type: string;
}

export interface TruedySimulatorOptions {
	/** Requests per window per organization (API key). Default 100. */
	rateLimit?: number;
	/** Window length in ms. Default 60,000; tests and the benchmark shorten it. */
	rateWindowMs?: number;
	/** Which documented Add Contacts answer to give: the schema's counts or the example's summary. */
	addContactsShape?: 'counts' | 'summary';
}

const meta = () => ({ request_id: `req_${Math.random().toString(16).slice(2, 10)}`, ts: new Date().toISOString() });

const errorEnvelope = (status: number, code: string, message: string, details?: Record<string, unknown>): SimResponse => ({
	status,
	body: { error: { code, message, ...(details ? { details } : {}) } },
});

const validation = (issues: Issue[]): SimResponse => ({ status: 422, body: { detail: issues } });

function isIanaZone(zone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

function isDateTime(value: unknown): boolean {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
}

export class TruedySimulator extends Simulator {
	readonly batchCalls = new Map<string, BatchCall>();

	readonly agents = new Set<string>(['agt_f9447372']);

	/** E.164-shaped numbers Truedy's own validator refuses (422 naming the contact); for tests. */
	readonly refusedNumbers = new Set<string>();

	/** 429 answers given so far. */
	rateLimited = 0;

	/** When each authenticated request arrived and what the rate limit answered (ms since epoch). */
	readonly arrivals: Array<{ at: number; path: string; limited: boolean; resetAt?: number }> = [];

	/** Creates to perform and then answer with 503, as if the answer was lost on the way back. */
	loseCreateAnswers = 0;

	rateLimit: number;

	rateWindowMs: number;

	addContactsShape: 'counts' | 'summary';

	private readonly windows = new Map<string, { start: number; count: number }>();

	private readonly idempotency = new Map<string, { fingerprint: string; response: SimResponse }>();

	private nextId = 1;

	constructor(options: TruedySimulatorOptions = {}, readonly apiKey = TRUEDY_KEY) {
		super();
		this.rateLimit = options.rateLimit ?? 100;
		this.rateWindowMs = options.rateWindowMs ?? 60_000;
		this.addContactsShape = options.addContactsShape ?? 'counts';
		// choice: the spec documents no body limit; 10 MB, answered with 413 like any web server.
		this.maxBodyBytes = 10 * 1024 * 1024;
		this.authenticate = (request) => this.checkAuthAndRate(request);
		this.route('GET', '/agents', (request) => this.listAgents(request));
		this.route('POST', '/batch-calls/bulk-delete', (request) => this.bulkDelete(request));
		this.route('POST', '/batch-calls', (request) => this.create(request));
		this.route('PATCH', '/batch-calls/:id', (request) => this.update(request));
		this.route('POST', '/batch-calls/:id/contacts', (request) => this.addContacts(request));
		this.route('POST', '/batch-calls/:id/schedule', (request) => this.schedule(request));
		this.route('POST', '/batch-calls/:id/pause', (request) => this.transition(request, 'pause'));
		this.route('POST', '/batch-calls/:id/resume', (request) => this.transition(request, 'resume'));
	}

	/** Adds a batch call directly, in any status, for tests. */
	addBatchCall(id: string, status: BatchStatus = 'draft', extra: Partial<BatchCall> = {}): BatchCall {
		const now = new Date().toISOString();
		const batch: BatchCall = {
			id,
			name: `Batch ${id}`,
			agent_id: 'agt_f9447372',
			status,
			schedule_type: null,
			scheduled_at: null,
			timezone: 'UTC',
			settings: {},
			contacts: [],
			created_at: now,
			updated_at: now,
			...extra,
		};
		this.batchCalls.set(id, batch);
		return batch;
	}

	private checkAuthAndRate(request: SimRequest): SimResponse | undefined {
		const header = String(request.headers.authorization ?? '');
		if (header !== `Bearer ${this.apiKey}`) {
			return errorEnvelope(401, 'unauthorized', 'Invalid or missing API key');
		}
		// Fixed window per organization (the key stands for the organization here).
		const now = Date.now();
		let window = this.windows.get(header);
		if (!window || now >= window.start + this.rateWindowMs) {
			window = { start: now, count: 0 };
			this.windows.set(header, window);
		}
		window.count++;
		const limited = window.count > this.rateLimit;
		this.arrivals.push({ at: now, path: request.path, limited, resetAt: limited ? window.start + this.rateWindowMs : undefined });
		if (limited) {
			this.rateLimited++;
			// Documented: no Retry-After, no X-RateLimit-* headers; the reset time is in the body.
			return errorEnvelope(429, 'rate_limit_exceeded', 'Rate limit exceeded', {
				limit: this.rateLimit,
				reset_at: new Date(window.start + this.rateWindowMs).toISOString(),
			});
		}
		return undefined;
	}

	private view(batch: BatchCall): Record<string, unknown> {
		return {
			id: batch.id,
			name: batch.name,
			status: batch.status,
			agent_id: batch.agent_id,
			schedule_type: batch.schedule_type,
			scheduled_at: batch.scheduled_at,
			timezone: batch.timezone,
			...batch.settings,
			total_contacts: batch.contacts.length,
			called: 0,
			completed: 0,
			failed: 0,
			pending: batch.contacts.length,
			created_at: batch.created_at,
			updated_at: batch.updated_at,
		};
	}

	private ok(data: unknown, status = 200): SimResponse {
		return { status, body: { data, meta: meta() } };
	}

	private notFound(id: string): SimResponse {
		return errorEnvelope(404, 'not_found', 'Batch call not found', { resource: 'batch_call', id });
	}

	private bodyObject(request: SimRequest): { body?: Record<string, unknown>; error?: SimResponse } {
		if (request.badJson) return { error: validation([{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid' }]) };
		const body = request.body;
		if (body === undefined && request.rawBody.length === 0) return { body: {} };
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			return { error: validation([{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]) };
		}
		return { body: body as Record<string, unknown> };
	}

	/** Schema of one contact (add: the four documented fields; create: also custom_fields). */
	private contactIssues(contact: unknown, index: number, withCustomFields: boolean): Issue[] {
		const loc = (field?: string): Array<string | number> => (field ? ['body', 'contacts', index, field] : ['body', 'contacts', index]);
		if (!contact || typeof contact !== 'object' || Array.isArray(contact)) {
			return [{ loc: loc(), msg: 'Input should be a valid dictionary', type: 'dict_type' }];
		}
		const record = contact as Record<string, unknown>;
		const issues: Issue[] = [];
		if (record.phone_number === undefined) issues.push({ loc: loc('phone_number'), msg: 'Field required', type: 'missing' });
		else if (typeof record.phone_number !== 'string') issues.push({ loc: loc('phone_number'), msg: 'Input should be a valid string', type: 'string_type' });
		else if (!E164.test(record.phone_number)) {
			issues.push({ loc: loc('phone_number'), msg: "String should match pattern '^\\+[1-9]\\d{1,14}$'", type: 'string_pattern_mismatch' });
		} else if (this.refusedNumbers.has(record.phone_number)) {
			issues.push({ loc: loc('phone_number'), msg: 'Value error, not a dialable phone number', type: 'value_error' });
		}
		for (const field of ['first_name', 'last_name', 'email']) {
			const value = record[field];
			if (value !== undefined && value !== null && typeof value !== 'string') {
				issues.push({ loc: loc(field), msg: 'Input should be a valid string', type: 'string_type' });
			}
		}
		if (withCustomFields && record.custom_fields !== undefined && record.custom_fields !== null) {
			if (typeof record.custom_fields !== 'object' || Array.isArray(record.custom_fields)) {
				issues.push({ loc: loc('custom_fields'), msg: 'Input should be a valid dictionary', type: 'dict_type' });
			}
		}
		return issues;
	}

	private storedContact(record: Record<string, unknown>, withCustomFields: boolean): StoredContact {
		return {
			phone_number: record.phone_number as string,
			first_name: (record.first_name as string | null | undefined) ?? null,
			last_name: (record.last_name as string | null | undefined) ?? null,
			email: (record.email as string | null | undefined) ?? null,
			// choice: extra keys are ignored, as FastAPI/pydantic does by default; Add Contacts has no custom_fields.
			custom_fields: withCustomFields ? ((record.custom_fields as Record<string, unknown> | null | undefined) ?? null) : null,
		};
	}

	private settingsIssues(body: Record<string, unknown>, forCreate: boolean): Issue[] {
		const issues: Issue[] = [];
		const at = (field: string, msg: string, type: string) => issues.push({ loc: ['body', field], msg, type });
		const name = body.name;
		if (forCreate && name === undefined) at('name', 'Field required', 'missing');
		if (name !== undefined && (forCreate || name !== null)) {
			if (typeof name !== 'string') at('name', 'Input should be a valid string', 'string_type');
			else if (name.length < 1 || name.length > 255) at('name', 'String should have between 1 and 255 characters', 'string_too_short');
		}
		const stringList = (field: string) => {
			const value = body[field];
			if (value === undefined || value === null) return;
			if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) at(field, 'Input should be a valid list of strings', 'list_type');
		};
		stringList('phone_number_ids');
		const strategy = body.phone_rotation_strategy;
		if (strategy !== undefined && !['random', 'sequential', 'round_robin'].includes(strategy as string)) {
			at('phone_rotation_strategy', "Input should be 'random', 'sequential' or 'round_robin'", 'enum');
		}
		if (body.scheduled_at !== undefined && body.scheduled_at !== null && !isDateTime(body.scheduled_at)) {
			at('scheduled_at', 'Input should be a valid datetime', 'datetime_parsing');
		}
		for (const field of ['start_time', 'end_time']) {
			const value = body[field];
			if (value !== undefined && value !== null && (typeof value !== 'string' || !HH_MM.test(value))) at(field, 'Time must be HH:MM', 'value_error');
		}
		const days = body.working_days;
		if (days !== undefined && days !== null) {
			if (!Array.isArray(days) || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
				at('working_days', 'Working days must be integers from 1 (Mon) to 7 (Sun)', 'value_error');
			}
		}
		const perDay = body.max_calls_per_day;
		if (perDay !== undefined && perDay !== null && (!Number.isInteger(perDay) || (perDay as number) < 1)) {
			at('max_calls_per_day', 'Input should be greater than or equal to 1', 'greater_than_equal');
		}
		if (body.retry_failed !== undefined && body.retry_failed !== null && typeof body.retry_failed !== 'boolean') {
			at('retry_failed', 'Input should be a valid boolean', 'bool_type');
		}
		return issues;
	}

	private listAgents(request: SimRequest): SimResponse {
		const limit = Number(request.query.limit ?? 50);
		const offset = Number(request.query.offset ?? 0);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
			return validation([{ loc: ['query', 'limit'], msg: 'Input should be between 1 and 100', type: 'less_than_equal' }]);
		}
		const all = [...this.agents].map((id) => ({ id, name: `Agent ${id}`, status: 'active' }));
		return {
			status: 200,
			body: {
				data: all.slice(offset, offset + limit),
				pagination: { total: all.length, limit, offset, has_more: offset + limit < all.length },
				meta: meta(),
			},
		};
	}

	private create(request: SimRequest): SimResponse {
		const { body, error } = this.bodyObject(request);
		if (error) return error;
		const key = request.headers['x-idempotency-key'];
		const fingerprint = request.rawBody.toString('utf8');
		if (typeof key === 'string' && key !== '') {
			const seen = this.idempotency.get(key);
			if (seen) {
				// choice: the same key with another body is a client error (409), as with most idempotency schemes.
				if (seen.fingerprint !== fingerprint) {
					return errorEnvelope(409, 'idempotency_key_reused', 'X-Idempotency-Key was used with a different request body');
				}
				return seen.response;
			}
		}
		const issues = this.settingsIssues(body!, true);
		if (body!.agent_id === undefined) issues.push({ loc: ['body', 'agent_id'], msg: 'Field required', type: 'missing' });
		else if (typeof body!.agent_id !== 'string') issues.push({ loc: ['body', 'agent_id'], msg: 'Input should be a valid string', type: 'string_type' });
		const source = body!.contact_source;
		if (source !== undefined && !['csv', 'folder', 'manual'].includes(source as string)) {
			issues.push({ loc: ['body', 'contact_source'], msg: "Input should be 'csv', 'folder' or 'manual'", type: 'enum' });
		}
		if (source === 'folder' && typeof body!.contact_folder_id !== 'string') {
			issues.push({ loc: ['body', 'contact_folder_id'], msg: "Required when contact_source is 'folder'", type: 'value_error' });
		}
		if (body!.contact_ids !== undefined && body!.contact_ids !== null) {
			const ids = body!.contact_ids;
			if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
				issues.push({ loc: ['body', 'contact_ids'], msg: 'Input should be a valid list of strings', type: 'list_type' });
			}
		}
		const scheduleType = body!.schedule_type;
		if (scheduleType !== undefined && scheduleType !== 'immediate' && scheduleType !== 'scheduled') {
			issues.push({ loc: ['body', 'schedule_type'], msg: "Input should be 'immediate' or 'scheduled'", type: 'enum' });
		}
		if (scheduleType === 'scheduled' && (body!.scheduled_at === undefined || body!.scheduled_at === null)) {
			issues.push({ loc: ['body', 'scheduled_at'], msg: "Required when schedule_type is 'scheduled'", type: 'value_error' });
		}
		if (body!.timezone !== undefined && (typeof body!.timezone !== 'string' || !isIanaZone(body!.timezone))) {
			issues.push({ loc: ['body', 'timezone'], msg: 'Invalid IANA timezone', type: 'value_error' });
		}
		const contacts = body!.contacts;
		if (contacts !== undefined && contacts !== null) {
			if (!Array.isArray(contacts)) issues.push({ loc: ['body', 'contacts'], msg: 'Input should be a valid list', type: 'list_type' });
			else contacts.forEach((contact, index) => issues.push(...this.contactIssues(contact, index, true)));
		}
		if (issues.length > 0) return validation(issues);
		if (!this.agents.has(body!.agent_id as string)) {
			return errorEnvelope(404, 'not_found', 'Agent not found', { resource: 'agent', id: body!.agent_id });
		}

		const now = new Date().toISOString();
		const id = `batch_${String(this.nextId++).padStart(6, '0')}`;
		const settings: Record<string, unknown> = {};
		for (const field of ['phone_number_ids', 'phone_rotation_strategy', 'contact_source', 'contact_folder_id', 'start_time', 'end_time', 'working_days', 'max_calls_per_day', 'retry_failed']) {
			if (body![field] !== undefined) settings[field] = body![field];
		}
		// choice: immediate → active at once, scheduled → scheduled, no schedule type → draft.
		const status: BatchStatus = scheduleType === 'immediate' ? 'active' : scheduleType === 'scheduled' ? 'scheduled' : 'draft';
		const batch: BatchCall = {
			id,
			name: body!.name as string,
			agent_id: body!.agent_id as string,
			status,
			schedule_type: (scheduleType as BatchCall['schedule_type']) ?? null,
			scheduled_at: (body!.scheduled_at as string | undefined) ?? null,
			timezone: (body!.timezone as string | undefined) ?? 'UTC',
			settings,
			contacts: [],
			created_at: now,
			updated_at: now,
		};
		const seen = new Set<string>();
		for (const contact of (contacts as Array<Record<string, unknown>> | undefined) ?? []) {
			if (seen.has(contact.phone_number as string)) continue;
			seen.add(contact.phone_number as string);
			batch.contacts.push(this.storedContact(contact, true));
		}
		this.batchCalls.set(id, batch);
		const response = this.ok(this.view(batch), 201);
		if (typeof key === 'string' && key !== '') this.idempotency.set(key, { fingerprint, response });
		if (this.loseCreateAnswers > 0) {
			this.loseCreateAnswers--;
			return errorEnvelope(503, 'service_unavailable', 'Upstream timeout');
		}
		return response;
	}

	private update(request: SimRequest): SimResponse {
		const batch = this.batchCalls.get(request.params.id);
		if (!batch) return this.notFound(request.params.id);
		const { body, error } = this.bodyObject(request);
		if (error) return error;
		const issues = this.settingsIssues(body!, false);
		if (issues.length > 0) return validation(issues);
		// Edits apply while the batch is in a compatible state (guide: e.g. scheduled or paused; draft too).
		if (!['draft', 'scheduled', 'paused'].includes(batch.status)) {
			return errorEnvelope(400, 'invalid_status', `Batch call is ${batch.status}; it can be edited only while draft, scheduled or paused`, {
				status: batch.status,
			});
		}
		for (const [field, value] of Object.entries(body!)) {
			if (value === undefined) continue;
			if (field === 'name') batch.name = value as string;
			else if (field === 'scheduled_at') batch.scheduled_at = value as string | null;
			else batch.settings[field] = value;
		}
		batch.updated_at = new Date().toISOString();
		return this.ok(this.view(batch));
	}

	private addContacts(request: SimRequest): SimResponse {
		const { body, error } = this.bodyObject(request);
		if (error) return error;
		const contacts = body!.contacts;
		if (contacts === undefined) return validation([{ loc: ['body', 'contacts'], msg: 'Field required', type: 'missing' }]);
		if (!Array.isArray(contacts)) return validation([{ loc: ['body', 'contacts'], msg: 'Input should be a valid list', type: 'list_type' }]);
		if (contacts.length === 0) {
			return validation([{ loc: ['body', 'contacts'], msg: 'List should have at least 1 item after validation, not 0', type: 'too_short' }]);
		}
		const issues = contacts.flatMap((contact, index) => this.contactIssues(contact, index, false));
		if (issues.length > 0) return validation(issues);
		const batch = this.batchCalls.get(request.params.id);
		if (!batch) return this.notFound(request.params.id);
		// choice: contacts can be added until the batch call has ended.
		if (['completed', 'failed', 'cancelled'].includes(batch.status)) {
			return errorEnvelope(400, 'invalid_status', `Batch call is ${batch.status}; contacts cannot be added to an ended batch call`, {
				status: batch.status,
			});
		}
		const existing = new Set(batch.contacts.map((contact) => contact.phone_number));
		let added = 0;
		let duplicates = 0;
		for (const contact of contacts as Array<Record<string, unknown>>) {
			const phone = contact.phone_number as string;
			if (existing.has(phone)) {
				duplicates++;
				continue;
			}
			existing.add(phone);
			batch.contacts.push(this.storedContact(contact, false));
			added++;
		}
		batch.updated_at = new Date().toISOString();
		const data =
			this.addContactsShape === 'counts'
				? { added_count: added, failed_count: duplicates }
				: { added, duplicates_skipped: duplicates, invalid_skipped: 0, total_contacts: batch.contacts.length };
		return this.ok(data);
	}

	private schedule(request: SimRequest): SimResponse {
		const batch = this.batchCalls.get(request.params.id);
		if (!batch) return this.notFound(request.params.id);
		const { body, error } = this.bodyObject(request);
		if (error) return error;
		const issues: Issue[] = [];
		if (body!.scheduled_at !== undefined && body!.scheduled_at !== null && !isDateTime(body!.scheduled_at)) {
			issues.push({ loc: ['body', 'scheduled_at'], msg: 'Input should be a valid datetime', type: 'datetime_parsing' });
		}
		if (body!.timezone !== undefined && (typeof body!.timezone !== 'string' || !isIanaZone(body!.timezone))) {
			issues.push({ loc: ['body', 'timezone'], msg: 'Invalid IANA timezone', type: 'value_error' });
		}
		if (issues.length > 0) return validation(issues);
		// choice: schedule starts a draft or (re)schedules a scheduled batch; a paused one is resumed instead.
		if (batch.status !== 'draft' && batch.status !== 'scheduled') {
			return errorEnvelope(400, 'invalid_status', `Batch call is ${batch.status}; only a draft or scheduled batch call can be started or scheduled`, {
				status: batch.status,
			});
		}
		if (body!.timezone !== undefined) batch.timezone = body!.timezone as string;
		const at = body!.scheduled_at as string | undefined | null;
		if (at && Date.parse(at) > Date.now()) {
			batch.status = 'scheduled';
			batch.schedule_type = 'scheduled';
			batch.scheduled_at = at;
		} else {
			// Without scheduled_at (or with a past one) it starts at once.
			batch.status = 'active';
			batch.schedule_type = 'immediate';
			batch.scheduled_at = at ?? null;
		}
		batch.updated_at = new Date().toISOString();
		return this.ok(this.view(batch));
	}

	private transition(request: SimRequest, action: 'pause' | 'resume'): SimResponse {
		const batch = this.batchCalls.get(request.params.id);
		if (!batch) return this.notFound(request.params.id);
		if (action === 'pause') {
			if (batch.status !== 'active' && batch.status !== 'scheduled') {
				return errorEnvelope(400, 'invalid_status', `Batch call is ${batch.status}; only an active or scheduled batch call can be paused`, {
					status: batch.status,
				});
			}
			batch.status = 'paused';
		} else {
			if (batch.status !== 'paused') {
				return errorEnvelope(400, 'invalid_status', `Batch call is ${batch.status}; only a paused batch call can be resumed`, {
					status: batch.status,
				});
			}
			batch.status = batch.scheduled_at && Date.parse(batch.scheduled_at) > Date.now() ? 'scheduled' : 'active';
		}
		batch.updated_at = new Date().toISOString();
		return this.ok(this.view(batch));
	}

	private bulkDelete(request: SimRequest): SimResponse {
		const { body, error } = this.bodyObject(request);
		if (error) return error;
		const ids = body!.ids;
		if (ids === undefined) return validation([{ loc: ['body', 'ids'], msg: 'Field required', type: 'missing' }]);
		if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
			return validation([{ loc: ['body', 'ids'], msg: 'Input should be a valid list of strings', type: 'list_type' }]);
		}
		if (ids.length === 0) return validation([{ loc: ['body', 'ids'], msg: 'List should have at least 1 item', type: 'too_short' }]);
		const deleted: string[] = [];
		const failed: string[] = [];
		for (const id of ids as string[]) {
			if (this.batchCalls.delete(id)) deleted.push(id);
			else failed.push(id);
		}
		return this.ok({ deleted_count: deleted.length, failed_count: failed.length, deleted_ids: deleted, failed_ids: failed });
	}
}
