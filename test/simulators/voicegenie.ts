/**
 * VoiceGenie (Oriserve) simulator: enforces ../shared/specs/voicegenie-upload-campaign-data.md and
 * the VoiceGenie section of supplement.md — the x-api-key header, POST /uploadCampaignData as JSON
 * (campaign_name, script_id, schedule_time, contacts[{phone_number, name, email, custom_fields}])
 * or multipart/form-data with a CSV/Excel file, the documented answers (200 with uploaded_count,
 * failed_count, errors[]; 400 / 401 / 413 / 500 envelopes), duplicate phones skipped within a
 * campaign, campaigns editable only while draft or paused, and 50 requests a minute.
 *
 * Where the spec is silent (marked "choice:"), the most plausible behaviour is used. The one that
 * matters most: an entry of `errors[]` is `{index, phone_number, error, message}`, `index` being
 * the 0-based position of the contact in the request's `contacts` (or the 0-based data row of a
 * file); the node reads the same shape.
 */
import { parse } from 'csv-parse/sync';

import { Simulator, type SimRequest, type SimResponse } from './base';

export const VOICEGENIE_KEY = 'vg_test_api_key_abcdef';

const E164 = /^\+[1-9]\d{6,14}$/;

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'completed';

export interface StoredContact {
	phone_number: string;
	name: string | null;
	email: string | null;
	custom_fields: Record<string, unknown>;
}

export interface Campaign {
	campaign_id: string;
	campaign_name: string;
	script_id: string;
	schedule_time: string | null;
	status: CampaignStatus;
	contacts: StoredContact[];
	files: Array<{ name: string; bytes: number; kind: string }>;
}

interface ContactError {
	index: number;
	phone_number: string | null;
	error: string;
	message: string;
}

export interface VoiceGenieSimulatorOptions {
	rateLimit?: number;
	rateWindowMs?: number;
	/** The documented 500 MB request limit; tests lower it. */
	maxPayloadBytes?: number;
}

const fail = (status: number, error: string, message: string, details?: { field: string; issue: string }): SimResponse => ({
	status,
	body: { success: false, message, error, ...(details ? { details } : {}) },
});

const badRequest = (field: string, issue: string) => fail(400, 'BAD_REQUEST', 'Invalid request data', { field, issue });

/** choice: the advised batch size is enforced as the limit of one request. */
export const VOICEGENIE_MAX_CONTACTS = 1_000;

export class VoiceGenieSimulator extends Simulator {
	readonly campaigns = new Map<string, Campaign>();

	rateLimit: number;

	rateWindowMs: number;

	maxPayloadBytes: number;

	/** 429 answers given so far. */
	rateLimited = 0;

	/** Data rows the simulator reports for an Excel file (it cannot read Excel). */
	excelRows = 0;

	private window = { start: 0, count: 0 };

	private nextId = 1;

	constructor(options: VoiceGenieSimulatorOptions = {}, readonly apiKey = VOICEGENIE_KEY) {
		super();
		this.rateLimit = options.rateLimit ?? 50;
		this.rateWindowMs = options.rateWindowMs ?? 60_000;
		this.maxPayloadBytes = options.maxPayloadBytes ?? 500 * 1024 * 1024;
		this.maxBodyBytes = this.maxPayloadBytes + 1024 * 1024;
		this.authenticate = (request) => this.checkRequest(request);
		this.route('POST', '/uploadCampaignData', (request) => this.upload(request));
	}

	/** Adds a campaign directly, in any status, for tests. */
	addCampaign(name: string, status: CampaignStatus = 'draft'): Campaign {
		const campaign: Campaign = {
			campaign_id: `cmp-${String(this.nextId++).padStart(4, '0')}`,
			campaign_name: name,
			script_id: 'script_123',
			schedule_time: null,
			status,
			contacts: [],
			files: [],
		};
		this.campaigns.set(name, campaign);
		return campaign;
	}

	private checkRequest(request: SimRequest): SimResponse | undefined {
		if (request.headers['x-api-key'] !== this.apiKey) return fail(401, 'UNAUTHORIZED', 'Invalid or missing API key');
		const length = Number(request.headers['content-length'] ?? request.rawBody.length);
		if (length > this.maxPayloadBytes || request.rawBody.length > this.maxPayloadBytes) {
			return fail(413, 'PAYLOAD_TOO_LARGE', 'Request payload exceeds 500MB limit');
		}
		const now = Date.now();
		if (now >= this.window.start + this.rateWindowMs) this.window = { start: now, count: 0 };
		this.window.count++;
		if (this.window.count > this.rateLimit) {
			this.rateLimited++;
			// choice: the 429 body follows the documented error envelope; Retry-After gives the seconds left.
			const seconds = Math.max(0, Math.ceil((this.window.start + this.rateWindowMs - now) / 1000));
			return {
				status: 429,
				headers: { 'retry-after': String(seconds) },
				body: { success: false, message: `Rate limit exceeded: ${this.rateLimit} requests per minute`, error: 'TOO_MANY_REQUESTS' },
			};
		}
		return undefined;
	}

	private upload(request: SimRequest): SimResponse {
		const type = String(request.headers['content-type'] ?? '');
		if (type.startsWith('multipart/form-data')) return this.uploadFile(request, type);
		if (request.badJson) return badRequest('body', 'Request body must be valid JSON');
		const body = request.body as Record<string, unknown> | undefined;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return badRequest('body', 'Request body must be a JSON object');
		const target = this.campaignFor(body.campaign_name, body.script_id, body.schedule_time);
		if ('status' in target) return target;
		const contacts = body.contacts;
		if (!Array.isArray(contacts) || contacts.length === 0) return badRequest('contacts', 'contacts must be a non-empty array');
		if (contacts.length > VOICEGENIE_MAX_CONTACTS) {
			return badRequest('contacts', `at most ${VOICEGENIE_MAX_CONTACTS} contacts per request`);
		}
		// Schema first: a malformed contact refuses the whole request, naming it.
		for (let i = 0; i < contacts.length; i++) {
			const contact = contacts[i] as Record<string, unknown>;
			if (!contact || typeof contact !== 'object' || Array.isArray(contact)) return badRequest(`contacts[${i}]`, 'must be an object');
			if (typeof contact.phone_number !== 'string') return badRequest(`contacts[${i}].phone_number`, 'phone_number is required');
			for (const field of ['name', 'email']) {
				if (contact[field] !== undefined && contact[field] !== null && typeof contact[field] !== 'string') {
					return badRequest(`contacts[${i}].${field}`, `${field} must be a string`);
				}
			}
			const custom = contact.custom_fields;
			if (custom !== undefined && custom !== null) {
				if (typeof custom !== 'object' || Array.isArray(custom)) return badRequest(`contacts[${i}].custom_fields`, 'custom_fields must be an object');
				for (const [key, value] of Object.entries(custom)) {
					if (value !== null && typeof value === 'object') return badRequest(`contacts[${i}].custom_fields.${key}`, 'custom field values must be scalars');
				}
			}
		}
		return this.store(target.campaign, contacts as Array<Record<string, unknown>>);
	}

	/** The campaign a request is for: the one of that name (if editable), else a new one. */
	private campaignFor(name: unknown, scriptId: unknown, scheduleTime: unknown): { campaign: Campaign } | SimResponse {
		if (typeof name !== 'string' || name.trim() === '') return badRequest('campaign_name', 'campaign_name is required');
		if (scriptId !== undefined && typeof scriptId !== 'string') return badRequest('script_id', 'script_id must be a string');
		if (scheduleTime !== undefined && (typeof scheduleTime !== 'string' || Number.isNaN(Date.parse(scheduleTime)))) {
			return badRequest('schedule_time', 'schedule_time must be an ISO 8601 date-time');
		}
		let campaign = this.campaigns.get(name);
		if (campaign) {
			// Oriserve: a campaign can be edited only while draft or paused.
			if (campaign.status !== 'draft' && campaign.status !== 'paused') {
				return badRequest('campaign_name', `Campaign is ${campaign.status}; it can be edited only while draft or paused`);
			}
		} else {
			// choice: creating a campaign needs the script it runs.
			if (typeof scriptId !== 'string' || scriptId === '') return badRequest('script_id', 'script_id is required to create a campaign');
			campaign = this.addCampaign(name);
		}
		if (typeof scriptId === 'string' && scriptId !== '') campaign.script_id = scriptId;
		if (typeof scheduleTime === 'string') campaign.schedule_time = scheduleTime;
		return { campaign };
	}

	private store(campaign: Campaign, contacts: Array<Record<string, unknown>>): SimResponse {
		const known = new Set(campaign.contacts.map((contact) => contact.phone_number));
		const errors: ContactError[] = [];
		let uploaded = 0;
		contacts.forEach((contact, index) => {
			const phone = String(contact.phone_number ?? '').trim();
			const entry = (error: string, message: string) => errors.push({ index, phone_number: phone || null, error, message });
			if (phone === '') return entry('MISSING_PHONE', 'phone_number is empty');
			if (!E164.test(phone)) return entry('INVALID_PHONE', 'Phone number format invalid');
			const email = contact.email;
			if (typeof email === 'string' && email !== '' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
				return entry('INVALID_EMAIL', 'Email format invalid');
			}
			// Documented: duplicate phone numbers within the same campaign are skipped.
			// choice: a skipped duplicate is reported in errors[] and counted in failed_count.
			if (known.has(phone)) return entry('DUPLICATE_PHONE', 'Phone number already exists in this campaign; skipped');
			known.add(phone);
			uploaded++;
			const custom = (contact.custom_fields ?? {}) as Record<string, unknown>;
			campaign.contacts.push({
				phone_number: phone,
				name: typeof contact.name === 'string' && contact.name !== '' ? contact.name : null,
				email: typeof email === 'string' && email !== '' ? email : null,
				custom_fields: { ...custom },
			});
			return undefined;
		});
		return {
			status: 200,
			body: {
				success: true,
				data: { campaign_id: campaign.campaign_id, uploaded_count: uploaded, failed_count: errors.length, errors },
				message: 'Campaign data uploaded successfully',
			},
		};
	}

	private uploadFile(request: SimRequest, contentType: string): SimResponse {
		const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
		if (!boundary) return badRequest('body', 'multipart boundary missing');
		const parts = parseMultipart(request.rawBody, boundary[1] ?? boundary[2]);
		if (!parts) return badRequest('body', 'malformed multipart body');
		const field = (name: string) => parts.find((part) => part.name === name && part.filename === undefined)?.data.toString('utf8');
		const target = this.campaignFor(field('campaign_name'), field('script_id'), field('schedule_time'));
		if ('status' in target) return target;
		// choice: the file's form field is named "file" (the form field names are not documented).
		const file = parts.find((part) => part.name === 'file' && part.filename !== undefined);
		if (!file) return badRequest('file', 'a CSV or Excel file is required in the "file" field');
		const extension = /\.([A-Za-z0-9]+)$/.exec(file.filename!)?.[1]?.toLowerCase();
		if (extension === 'xlsx' || extension === 'xls') {
			const zip = file.data.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			const ole = file.data.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
			if ((extension === 'xlsx' && !zip) || (extension === 'xls' && !ole)) return badRequest('file', 'file is not a valid Excel workbook');
			target.campaign.files.push({ name: file.filename!, bytes: file.data.length, kind: extension });
			return {
				status: 200,
				body: {
					success: true,
					data: { campaign_id: target.campaign.campaign_id, uploaded_count: this.excelRows, failed_count: 0, errors: [] },
					message: 'Campaign data uploaded successfully',
				},
			};
		}
		if (extension !== 'csv') return badRequest('file', 'only CSV and Excel files are accepted');
		let rows: Array<Record<string, string>>;
		try {
			rows = parse(file.data, { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Array<Record<string, string>>;
		} catch (error) {
			return badRequest('file', `CSV could not be parsed: ${(error as Error).message}`);
		}
		const header = rows.length > 0 ? Object.keys(rows[0]) : [];
		// Oriserve: a leads CSV needs a column named exactly phone_number; every other column is a variable.
		if (!header.includes('phone_number')) return badRequest('file', 'CSV must have a column named phone_number');
		target.campaign.files.push({ name: file.filename!, bytes: file.data.length, kind: 'csv' });
		const contacts = rows.map((row) => {
			const { phone_number: phone, name, email, ...custom } = row;
			return { phone_number: phone, name, email, custom_fields: custom };
		});
		return this.store(target.campaign, contacts);
	}
}

interface Part {
	name: string;
	filename?: string;
	data: Buffer;
}

/** A strict multipart/form-data parser: every part needs a Content-Disposition with a name. */
function parseMultipart(body: Buffer, boundary: string): Part[] | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Part[] = [];
	let position = body.indexOf(delimiter);
	if (position !== 0) return undefined;
	for (;;) {
		const afterDelimiter = position + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
		const headerStart = afterDelimiter + 2;
		const headerEnd = body.indexOf('\r\n\r\n', headerStart);
		if (headerEnd < 0) return undefined;
		const headers = body.subarray(headerStart, headerEnd).toString('utf8');
		const next = body.indexOf(delimiter, headerEnd + 4);
		if (next < 0) return undefined;
		const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(headers);
		if (!disposition) return undefined;
		parts.push({ name: disposition[1], filename: disposition[2], data: body.subarray(headerEnd + 4, next - 2) });
		position = next;
	}
}
