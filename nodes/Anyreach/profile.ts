import type { IDataObject } from 'n8n-workflow';

import { PHONE_ALIASES, columnKey } from '../shared/contacts/mapping';
import { normalizeToE164 } from '../shared/contacts/phone';
import type { ContactProfile, ContactRecord, MappedContact, NormalizeContext, PhoneCheck } from '../shared/contacts/types';
import { canonicalTimeZone } from '../shared/time';
import { agentConfigObject, isUuid, scheduledAt } from './helpers/contactFields';

/** Anyreach's limit for `POST /campaign/campaigns/{id}/contacts`. */
export const ANYREACH_MAX_CONTACTS = 1000;

/** The campaign id that holds ad-hoc contacts, which must already be in E.164. */
export const AD_HOC_CAMPAIGN = 'default';

/** Whether an upload addresses the ad-hoc campaign `default`. */
export function isAdHocCampaign(campaignId: unknown): boolean {
	return String(campaignId ?? '').trim() === AD_HOC_CAMPAIGN;
}

/**
 * Phone columns as Anyreach's uploader detects them by header: the shared aliases (phone,
 * phone_number, mobile, cell, tel…), `phone_numbers` / `phones`, the same with a number
 * (`phone2`, `phone_2`), and prefixed variants such as `alt_phone`, `mobile_phone`, `work phone`.
 */
const PHONE_KEYS = new Set([...PHONE_ALIASES, 'phone_numbers', 'phones', 'telephone'].map(columnKey));
const PHONE_PREFIXES = ['alt', 'alternate', 'other', 'secondary', 'second', 'primary', 'home', 'work', 'office', 'business', 'mobile', 'cell', 'personal', 'landline', 'backup'];

/** Whether a CSV header names a phone column, by Anyreach's uploader's rule. */
export function isAnyreachPhoneColumn(header: string): boolean {
	const key = columnKey(header).replace(/\d+$/, '');
	if (PHONE_KEYS.has(key)) return true;
	for (const prefix of PHONE_PREFIXES) {
		if (key.startsWith(prefix) && PHONE_KEYS.has(key.slice(prefix.length))) return true;
	}
	return false;
}

/**
 * Every number is normalized to E.164 before it is sent (Anyreach rejects the whole request with 422
 * for one number it cannot parse). The ad-hoc campaign `default` has no configuration to supply a
 * country, so its numbers must be written with their country code.
 */
export function normalizeAnyreachPhone(raw: string, context: NormalizeContext): PhoneCheck {
	if (isAdHocCampaign(context.target?.campaignId)) {
		const text = raw.trim().replace(/^tel:/i, '');
		if (!text.startsWith('+')) {
			return {
				ok: false,
				reason: `"${raw.trim()}" has no country code: contacts of Anyreach's ad-hoc campaign "default" must already be in E.164 (+ and country code), since no configuration supplies a default country`,
			};
		}
		return normalizeToE164(text);
	}
	return normalizeToE164(raw, context.defaultCountry);
}

function validateContact(contact: MappedContact): string | undefined {
	const { fields } = contact;
	if (fields.id !== undefined && !isUuid(fields.id)) {
		return `Contact ID "${fields.id}" is not a UUID: Anyreach's Contact ID is its own UUID for the contact; map your own key to External ID instead`;
	}
	if (fields.timezone !== undefined && canonicalTimeZone(fields.timezone) === undefined) {
		return `timezone "${fields.timezone}" is not an IANA time zone (e.g. America/New_York)`;
	}
	if (fields.scheduled_at !== undefined) {
		const check = scheduledAt(fields.scheduled_at);
		if (!check.ok) return check.reason;
	}
	if (fields.agent_config !== undefined) {
		const check = agentConfigObject(fields.agent_config);
		if (!check.ok) return check.reason;
	}
	if (fields.agent_number !== undefined) {
		const check = normalizeToE164(fields.agent_number);
		if (!check.ok) return `agent_number: ${check.reason} (write the caller number with its country code)`;
	}
	return undefined;
}

function dedupeKey(record: ContactRecord): string {
	const { id, external_id: externalId } = record.contact.fields;
	if (id !== undefined) return `id:${id.toLowerCase()}`;
	if (externalId !== undefined) return `external_id:${externalId}`;
	return `phone:${record.phone}`;
}

function dedupeKeyLabel(record: ContactRecord): string {
	const { id, external_id: externalId } = record.contact.fields;
	if (id !== undefined) return `Contact ID ${id}`;
	if (externalId !== undefined) return `external_id "${externalId}"`;
	return `first phone number ${record.phone}`;
}

export const anyreachProfile: ContactProfile = {
	provider: 'Anyreach',
	maxBatchSize: ANYREACH_MAX_CONTACTS,
	multiplePhones: true,
	phoneColumns: isAnyreachPhoneColumn,
	fields: [
		{
			key: 'id',
			displayName: 'Contact ID',
			aliases: ['id', 'contact_id', 'anyreach_id'],
			description: "Field (or CSV column) with Anyreach's own contact UUID, to update that contact in place (must be a UUID)",
		},
		{
			key: 'external_id',
			displayName: 'External ID',
			aliases: ['external_id', 'externalId', 'external id'],
			description: 'Field (or CSV column) with your own key for the contact: the upsert key, unique per campaign',
		},
		{
			key: 'timezone',
			displayName: 'Timezone',
			aliases: ['timezone', 'time_zone', 'tz'],
			description: 'Field (or CSV column) with the IANA time zone used for call windows (e.g. America/New_York)',
		},
		{
			key: 'scheduled_at',
			displayName: 'Scheduled At',
			aliases: ['scheduled_at', 'scheduledAt', 'scheduled_for', 'schedule_at'],
			description: 'Field (or CSV column) with the ISO 8601 time before which the contact is not dialed',
		},
		{
			key: 'agent_id',
			displayName: 'Agent ID',
			aliases: ['agent_id'],
			description: "Field with a per-contact override of the campaign's agent",
		},
		{
			key: 'agent_config',
			displayName: 'Agent Config',
			aliases: ['agent_config'],
			description: "Field with a per-contact override of the agent's configuration, a JSON object",
		},
		{
			key: 'agent_number',
			displayName: 'Agent Number',
			aliases: ['agent_number'],
			description: 'Field with a per-contact override of the caller number, with its country code',
		},
		{
			key: 'agent_version',
			displayName: 'Agent Version',
			aliases: ['agent_version'],
			description: "Field with a per-contact override of the agent's pinned version",
		},
		{
			key: 'initial_context',
			displayName: 'Initial Context',
			aliases: ['initial_context'],
			description: 'Field with the opening context for the call (e.g. "Renewal due next week.")',
		},
	],
	normalizePhone: normalizeAnyreachPhone,
	validate: validateContact,
	dedupeKey,
	dedupeKeyLabel,
	// Anyreach upserts in order, so of two contacts with the same key the later one's values win:
	// keep the later one, as sending both would.
	preferDuplicate: () => true,
};

/** Names that are top-level contact fields and must not be repeated inside `data`. */
const STRUCTURED_KEYS = new Set([
	'id',
	'phone_numbers',
	'external_id',
	'timezone',
	'scheduled_at',
	'agent_id',
	'agent_config',
	'agent_number',
	'agent_version',
	'initial_context',
]);

/** `agent_version` as a number when it is a whole number (a pinned version), else as written. */
function agentVersion(text: string): string | number {
	return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

/** One contact in Anyreach's wire format. */
export function toAnyreachContact(record: ContactRecord): IDataObject {
	const { fields, variables } = record.contact;
	const wire: IDataObject = {};
	if (fields.id !== undefined) wire.id = fields.id.toLowerCase();
	if (fields.external_id !== undefined) wire.external_id = fields.external_id;
	wire.phone_numbers = [...new Set(record.phones)];
	if (fields.timezone !== undefined) wire.timezone = canonicalTimeZone(fields.timezone);
	if (fields.scheduled_at !== undefined) {
		const check = scheduledAt(fields.scheduled_at);
		if (check.ok) wire.scheduled_at = check.value;
	}
	if (fields.agent_id !== undefined) wire.agent_id = fields.agent_id;
	if (fields.agent_config !== undefined) {
		const check = agentConfigObject(fields.agent_config);
		if (check.ok) wire.agent_config = check.value;
	}
	if (fields.agent_number !== undefined) {
		const check = normalizeToE164(fields.agent_number);
		if (check.ok) wire.agent_number = check.phone;
	}
	if (fields.agent_version !== undefined) wire.agent_version = agentVersion(fields.agent_version);
	if (fields.initial_context !== undefined) wire.initial_context = fields.initial_context;

	// Every other field goes to `data`; an item that already has a `data` object contributes its keys.
	const data: IDataObject = {};
	const nested = variables.data;
	const merged = nested !== null && typeof nested === 'object' && !Array.isArray(nested);
	if (merged) {
		for (const [key, value] of Object.entries(nested as IDataObject)) {
			if (!STRUCTURED_KEYS.has(key) && value !== undefined) data[key] = value;
		}
	}
	for (const [key, value] of Object.entries(variables)) {
		if (STRUCTURED_KEYS.has(key) || value === undefined || (merged && key === 'data')) continue;
		data[key] = value;
	}
	wire.data = data;
	return wire;
}
