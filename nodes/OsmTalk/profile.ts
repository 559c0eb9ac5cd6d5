import type { IDataObject } from 'n8n-workflow';

import type { ContactProfile, ContactRecord, MappedContact } from '../shared/contacts/types';

/**
 * The country of a number written without a country code, unless the Default Country option says
 * otherwise: OSMTalk's documentation is written for Indian numbers (+91, Asia/Kolkata).
 */
export const OSMTALK_DEFAULT_COUNTRY = 'IN';

/** campaigns/csv-format: at most this many leads per upload. */
export const OSMTALK_MAX_LEADS = 50_000;
/** campaigns/csv-format: at most 50 columns after the phone column. */
export const OSMTALK_MAX_VARIABLES = 50;
/** campaigns/csv-format: at most 4,000 characters in a cell. */
export const OSMTALK_MAX_CELL = 4_000;
/** campaigns/csv-format: column names of 1–64 characters. */
export const OSMTALK_MAX_COLUMN_NAME = 64;
/** api-reference: POST /api/campaigns/dnc/bulk takes up to 50,000 entries. */
export const OSMTALK_MAX_DNC_BULK = 50_000;

/** The names OSMTalk takes as the phone column (case-insensitive); a variable may not collide with them. */
export const OSMTALK_PHONE_COLUMNS = ['phone', 'phone_number', 'number', 'phoneNumber'];
const PHONE_COLUMN_KEYS = new Set(OSMTALK_PHONE_COLUMNS.map((name) => name.toLowerCase()));

/**
 * campaigns/csv-format: letters, digits, underscores, hyphens, dots and single inline spaces; no
 * leading, trailing or consecutive whitespace.
 */
const COLUMN_NAME = /^[\p{L}\p{N}_.-]+(?: [\p{L}\p{N}_.-]+)*$/u;

/** Why a variable (column) name cannot be sent, or undefined when it can. */
export function columnNameProblem(name: string): string | undefined {
	if (name.length < 1 || name.length > OSMTALK_MAX_COLUMN_NAME) {
		return `field name "${name.slice(0, 80)}" is ${name.length} characters long; OSMTalk column names are 1–${OSMTALK_MAX_COLUMN_NAME} characters`;
	}
	if (PHONE_COLUMN_KEYS.has(name.toLowerCase())) {
		return `field "${name}" would collide with OSMTalk's phone column (${OSMTALK_PHONE_COLUMNS.join(', ')})`;
	}
	if (!COLUMN_NAME.test(name)) {
		return `field name "${name}" is not allowed by OSMTalk (letters, digits, _ - . and single inner spaces only)`;
	}
	return undefined;
}

/** A variable as OSMTalk takes it: text (a CSV cell), or undefined to leave it out. */
function variableText(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	return JSON.stringify(value);
}

const FIX_WITH_VARIABLE_FIELDS = 'choose the fields to send with Options → Variable Fields';

/** Variables per contact, computed once by `validate` and reused when the lead is written. */
const variablesOf = new WeakMap<MappedContact, Record<string, string>>();

/** Checks the supplement's CSV rules on one contact's variables; returns why it cannot be sent. */
export function leadProblem(contact: MappedContact, nameProblems: Map<string, string | undefined>): string | undefined {
	const variables: Record<string, string> = {};
	let count = 0;
	for (const [name, value] of Object.entries(contact.variables)) {
		const text = variableText(value);
		if (text === undefined) continue;
		let problem = nameProblems.get(name);
		if (problem === undefined && !nameProblems.has(name)) {
			problem = columnNameProblem(name);
			nameProblems.set(name, problem);
		}
		if (problem) return `${problem}; rename it or ${FIX_WITH_VARIABLE_FIELDS}`;
		if (text.length > OSMTALK_MAX_CELL) {
			return `field "${name}" has ${text.length.toLocaleString('en-US')} characters; OSMTalk takes at most ${OSMTALK_MAX_CELL.toLocaleString('en-US')} a cell`;
		}
		variables[name] = text;
		count++;
	}
	if (count > OSMTALK_MAX_VARIABLES) {
		return `${count} variable fields; OSMTalk takes at most ${OSMTALK_MAX_VARIABLES} columns besides the phone: ${FIX_WITH_VARIABLE_FIELDS}`;
	}
	variablesOf.set(contact, variables);
	return undefined;
}

/** The profile of a lead upload: E.164 for any country, phone dedupe, 50,000 a request, the CSV rules. */
export function osmTalkLeadProfile(): ContactProfile {
	// Column-name checks are the same for every row of a shape: cache them per upload.
	const nameProblems = new Map<string, string | undefined>();
	return {
		provider: 'OSMTalk',
		maxBatchSize: OSMTALK_MAX_LEADS,
		fields: [],
		validate: (contact) => leadProblem(contact, nameProblems),
		// OSMTalk documents no dedupe rule; the shared default applies: one lead per phone number
		// in an upload, the first one kept.
	};
}

/** One lead in the JSON-array body: `{ phoneNumber, variables }`. */
export function toOsmTalkLead(record: ContactRecord): IDataObject {
	let variables = variablesOf.get(record.contact);
	if (!variables) {
		variables = {};
		for (const [name, value] of Object.entries(record.contact.variables)) {
			const text = variableText(value);
			if (text !== undefined) variables[name] = text;
		}
	}
	return { phoneNumber: record.phone, variables };
}

export const DNC_SOURCES = ['manual', 'opt_out', 'imported', 'api'];

/** The profile of a bulk Do-Not-Call upload: E.164, one entry per number, 50,000 a request. */
export const osmTalkDncProfile: ContactProfile = {
	provider: 'OSMTalk',
	maxBatchSize: OSMTALK_MAX_DNC_BULK,
	fields: [
		{
			key: 'reason',
			displayName: 'Reason',
			aliases: ['reason', 'dnc_reason', 'opt_out_reason', 'note'],
			description: 'Field (or CSV column) with why the number must not be called (optional)',
		},
	],
};
