/** Time checks several providers need: 24-hour HH:MM, IANA time-zone names, ISO 8601 dates. */

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Whether `text` is a 24-hour time written HH:MM (`09:00`, `23:59`; not `9:00`). */
export function isHhMm(text: string): boolean {
	return HH_MM.test(text);
}

// An IANA name is letters, "/", "_", "-" and "+" / digits in the Etc/GMT+5 family; an offset is not one.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const zoneCache = new Map<string, string | undefined>();

/** The canonical spelling of an IANA time zone this runtime knows (`europe/paris` → `Europe/Paris`), else undefined. */
export function canonicalTimeZone(name: string): string | undefined {
	if (zoneCache.has(name)) return zoneCache.get(name);
	let canonical: string | undefined;
	if (ZONE_NAME.test(name)) {
		try {
			canonical = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
		} catch {
			canonical = undefined;
		}
	}
	// Bounded: the names come from user data, one per contact.
	if (zoneCache.size < 1000) zoneCache.set(name, canonical);
	return canonical;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))?)?$/;

/**
 * Whether `text` is an ISO 8601 calendar date (`2026-07-01`) or date-time
 * (`2026-07-01T17:00`, with seconds, a fraction, `Z` or `±HH:MM`) that exists on the calendar.
 */
export function isIsoDate(text: string): boolean {
	const match = ISO_DATE.exec(text);
	if (!match) return false;
	const [, year, month, day, hour = '0', minute = '0', second = '0', , offsetHours = '0', offsetMinutes = '0'] = match;
	const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
	return (
		Number(month) >= 1 &&
		Number(month) <= 12 &&
		Number(day) >= 1 &&
		Number(day) <= daysInMonth &&
		Number(hour) <= 23 &&
		Number(minute) <= 59 &&
		Number(second) <= 59 &&
		Number(offsetHours) <= 14 &&
		Number(offsetMinutes) <= 59
	);
}
