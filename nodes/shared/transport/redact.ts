/** What stands in for a credential's secret wherever a provider's answer echoed it. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: they would match ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * A function that replaces every secret in a value: strings, and the strings (keys included)
 * inside arrays and objects. Providers echo keys in error bodies ("invalid token <key>"), and
 * whatever a provider answers can end in an output item, an error or a log.
 */
export function secretScrubber(secrets: Array<string | undefined>): (value: unknown) => unknown {
	const wanted = [...new Set(secrets.map((secret) => String(secret ?? '').trim()))]
		.filter((secret) => secret.length >= MIN_SECRET_LENGTH)
		.sort((a, b) => b.length - a.length);
	if (wanted.length === 0) return (value) => value;
	const scrubText = (text: string) => {
		let result = text;
		for (const secret of wanted) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
		return result;
	};
	const scrub = (value: unknown, seen: WeakSet<object>): unknown => {
		if (typeof value === 'string') return scrubText(value);
		if (!value || typeof value !== 'object' || seen.has(value)) return value;
		seen.add(value);
		if (Array.isArray(value)) return value.map((entry) => scrub(entry, seen));
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) {
			Object.defineProperty(copy, scrubText(key), { value: scrub(entry, seen), enumerable: true, writable: true, configurable: true });
		}
		return copy;
	};
	return (value) => scrub(value, new WeakSet());
}
