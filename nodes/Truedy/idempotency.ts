import { createHash } from 'crypto';

/**
 * Deterministic idempotency keys for POST /batch-calls: the same request (method, path, body)
 * always gets the same key, so a retry — by the node after a timeout, or a re-run of the workflow
 * with the same input — is answered by Truedy with the batch call it already created.
 */

/** SHA-256 of a UTF-8 string, as 64 hex digits. */
export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** JSON with object keys sorted at every level, so equal requests serialize equally. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, inner]) => inner !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

/** The X-Idempotency-Key of a request: derived from what it asks for, nothing random. */
export function idempotencyKey(method: string, path: string, body: unknown): string {
	return `n8n-${sha256Hex(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)}`;
}
