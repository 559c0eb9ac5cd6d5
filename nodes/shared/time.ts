/** A time of day as HH:MM on the 24-hour clock (00:00–23:59). */
export function isHhMm(text: string): boolean {
	return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** The IANA time zone as the runtime knows it, or undefined when the name is not one. */
export function canonicalTimeZone(name: string): string | undefined {
	if (name.trim() === '') return undefined;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name.trim() }).resolvedOptions().timeZone;
	} catch {
		return undefined;
	}
}

/** A calendar date as YYYY-MM-DD that exists (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}
