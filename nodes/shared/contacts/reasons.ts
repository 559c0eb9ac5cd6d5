/*
 * How reasons cite what a user gave: a value is quoted, and never more than about 100 characters
 * of it, so that a 1 MB cell does not come back whole in every reason.
 */

/** The most characters of a value a reason quotes. */
export const QUOTE_LIMIT = 100;

/** `"text"`, cut to QUOTE_LIMIT characters (without splitting a character) with its full length said. */
export function quote(text: string): string {
	if (text.length <= QUOTE_LIMIT) return `"${text}"`;
	let end = QUOTE_LIMIT;
	const last = text.charCodeAt(end - 1);
	if (last >= 0xd800 && last <= 0xdbff) end--;
	return `"${text.slice(0, end)}…" (${text.length.toLocaleString('en-US')} characters)`;
}

/** The reason for a phone value that holds no phone number, in the words every path uses. */
export function notAPhoneNumber(text: string): string {
	return `${quote(text)} is not a phone number`;
}

/** A value that is not text, in words: `true`, `NaN`, `an object`, `a list`. */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return quote(value);
	if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
	return String(value);
}
