import { canonicalTimeZone, isHhMm, isIsoDate } from '../../nodes/shared/time';

describe('shared time checks', () => {
	test.each([
		['09:00', true],
		['23:59', true],
		['00:00', true],
		['9:00', false],
		['24:00', false],
		['12:60', false],
		['12:00:00', false],
	])('isHhMm(%s) is %s', (text, expected) => expect(isHhMm(text)).toBe(expected));

	test.each([
		['Europe/Paris', 'Europe/Paris'],
		['america/new_york', 'America/New_York'],
		['UTC', 'UTC'],
		['Etc/GMT+5', 'Etc/GMT+5'],
		['Mars/Olympus', undefined],
		['+05:30', undefined],
		['', undefined],
	])('canonicalTimeZone(%s) is %s', (name, expected) => expect(canonicalTimeZone(name)).toBe(expected));

	test.each([
		['2026-07-01', true],
		['2028-02-29', true],
		['2026-07-01T17:00', true],
		['2026-07-01T17:00:00Z', true],
		['2026-07-01T17:00:00.123+05:30', true],
		['2026-02-29', false],
		['2026-02-30T10:00:00Z', false],
		['2026-13-01', false],
		['2026-07-01T24:00', false],
		['2026-07-01T17:00+15:00', false],
		['2026-07-01 17:00', false],
		['01/07/2026', false],
	])('isIsoDate(%s) is %s', (text, expected) => expect(isIsoDate(text)).toBe(expected));
});
