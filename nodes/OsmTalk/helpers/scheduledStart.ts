import { isHhMm, isIsoDate } from '../../shared/time';

/** The offset of `timeZone` at the instant `utcMs`, in minutes east of UTC. */
function offsetMinutes(timeZone: string, utcMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return Math.round((asUtc - utcMs) / 60_000);
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `scheduledStartAt` as OSMTalk shows it: ISO 8601 with an offset. A time without an offset (what
 * n8n's date picker gives) is read in `timeZone`.
 */
export function toOffsetDateTime(value: string, timeZone: string): string | undefined {
	const text = value.trim();
	if (WITH_OFFSET.test(text)) return Number.isNaN(Date.parse(text)) ? undefined : text;
	const match = LOCAL_DATE_TIME.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match;
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
	if (!isIsoDate(`${y}-${mo}-${d}`) || !isHhMm(`${h}:${mi}`)) return undefined;
	let offset = offsetMinutes(timeZone, wall);
	offset = offsetMinutes(timeZone, wall - offset * 60_000);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
