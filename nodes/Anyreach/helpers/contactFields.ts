import type { IDataObject } from 'n8n-workflow';

import { isIsoDate } from '../../shared/time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Anyreach's Contact ID is its own UUID. */
export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/**
 * `scheduled_at` as Anyreach takes it (ISO 8601 with a `T`, an offset as `±HH:MM`), or why it is
 * not a date-time. A space for the `T` and an offset without its colon are written the ISO way.
 */
export function scheduledAt(text: string): { ok: true; value: string } | { ok: false; reason: string } {
	const written = text
		.trim()
		.replace(/^(\d{4}-\d{2}-\d{2})[Tt ]/, '$1T')
		.replace(/z$/, 'Z')
		.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	if (!written.includes('T') || !isIsoDate(written)) {
		return { ok: false, reason: `scheduled_at "${text}" is not an ISO 8601 date-time (e.g. 2026-07-01T17:00:00Z)` };
	}
	return { ok: true, value: written };
}

/** `agent_config` as a JSON object, or why it is not one. */
export function agentConfigObject(text: string): { ok: true; value: IDataObject } | { ok: false; reason: string } {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return { ok: false, reason: 'agent_config is not valid JSON' };
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { ok: false, reason: 'agent_config must be a JSON object' };
	}
	return { ok: true, value: parsed as IDataObject };
}
