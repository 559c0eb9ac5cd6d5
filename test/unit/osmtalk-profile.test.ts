/** OSMTalk's contact rules (profile.ts), its csvErrors reading, and the time checks it uses. */
import type { ContactRecord, MappedContact } from '../../nodes/shared/contacts/types';
import { canonicalTimeZone, isHhMm, isIsoDate } from '../../nodes/shared/time';
import { leadErrors } from '../../nodes/OsmTalk/helpers/csvErrors';
import { toOffsetDateTime } from '../../nodes/OsmTalk/helpers/scheduledStart';
import {
	OSMTALK_DEFAULT_COUNTRY,
	OSMTALK_PHONE_COLUMNS,
	columnNameProblem,
	osmTalkDncProfile,
	osmTalkLeadProfile,
	toOsmTalkLead,
} from '../../nodes/OsmTalk/profile';

const contact = (variables: MappedContact['variables']): MappedContact => ({ rawPhones: ['+919876543210'], fields: {}, variables, input: {} });
const record = (phone: string, variables: MappedContact['variables'] = {}, seq = 0): ContactRecord => ({
	seq,
	itemIndex: seq,
	row: null,
	contact: contact(variables),
	phone,
	phones: [phone],
});

describe('OSMTalk profile', () => {
	test('phone columns: a variable named like the phone column is refused (any case)', () => {
		expect(OSMTALK_PHONE_COLUMNS).toEqual(['phone', 'phone_number', 'number', 'phoneNumber']);
		expect(columnNameProblem('PHONE_NUMBER')).toBe(`field "PHONE_NUMBER" would collide with OSMTalk's phone column (phone, phone_number, number, phoneNumber)`);
		expect(columnNameProblem('first_name')).toBeUndefined();
	});

	test.each([
		['Client Name', undefined],
		['order.id', undefined],
		['bad  name', 'field name "bad  name" is not allowed by OSMTalk (letters, digits, _ - . and single inner spaces only)'],
		[' lead', 'field name " lead" is not allowed by OSMTalk (letters, digits, _ - . and single inner spaces only)'],
		['', 'field name "" is 0 characters long; OSMTalk column names are 1–64 characters'],
		['n'.repeat(65), `field name "${'n'.repeat(65)}" is 65 characters long; OSMTalk column names are 1–64 characters`],
	])('column name %j', (name, problem) => {
		expect(columnNameProblem(name)).toBe(problem);
	});

	test('lead checks: 4,000 characters a cell, 50 variables; values become text', () => {
		const profile = osmTalkLeadProfile();
		expect(profile.validate?.(contact({ notes: 'y'.repeat(4001) }))).toBe('field "notes" has 4,001 characters; OSMTalk takes at most 4,000 a cell');
		const wide: MappedContact['variables'] = {};
		for (let i = 0; i < 51; i++) wide[`c${i}`] = 'x';
		expect(profile.validate?.(contact(wide))).toBe(
			'51 variable fields; OSMTalk takes at most 50 columns besides the phone: choose the fields to send with Options → Variable Fields',
		);
		const ok = record('+919876543210', { premium: 8900, vip: true, tags: ['a'], gone: null });
		expect(profile.validate?.(ok.contact)).toBeUndefined();
		expect(toOsmTalkLead(ok)).toEqual({ phoneNumber: '+919876543210', variables: { premium: '8900', vip: 'true', tags: '["a"]' } });
	});

	test('dedupe key and limits: one lead per phone (the shared default), 50,000 a request; DNC takes a reason field', () => {
		const profile = osmTalkLeadProfile();
		expect(profile.dedupeKey).toBeUndefined();
		expect(profile.maxBatchSize).toBe(50_000);
		expect(osmTalkDncProfile.maxBatchSize).toBe(50_000);
		expect(osmTalkDncProfile.fields.map((field) => field.key)).toEqual(['reason']);
		expect(OSMTALK_DEFAULT_COUNTRY).toBe('IN');
	});
});

describe('OSMTalk csvErrors', () => {
	test('entries name a lead by phone, 0-based index or 1-based row; "Duplicate phone number in this campaign" is a duplicate', () => {
		const batch = [record('+919876543210', {}, 0), record('+919876543211', {}, 1), record('+919876543212', {}, 2), record('+919876543213', {}, 3)];
		const { named, unmatched } = leadErrors(
			[
				{ phoneNumber: '+91 98765 43210', error: 'Duplicate phone number in this campaign' },
				{ index: 1, message: 'bad variable' },
				'row 3: number is not reachable',
				{ row: 99, error: 'nobody' },
			],
			batch,
		);
		expect(named.map(({ record: r, text, duplicate }) => [r.seq, text, duplicate])).toEqual([
			[0, 'Duplicate phone number in this campaign', true],
			[1, 'bad variable', false],
			[2, 'row 3: number is not reachable', false],
		]);
		expect(unmatched).toEqual([{ row: 99, error: 'nobody' }]);
	});
});

describe('time checks (shared) and OSMTalk scheduledStartAt', () => {
	test.each([
		['09:00', true],
		['23:59', true],
		['24:00', false],
		['9:00', false],
		['9am', false],
	])('isHhMm(%j) = %s', (text, ok) => expect(isHhMm(text)).toBe(ok));

	test('canonicalTimeZone', () => {
		expect(canonicalTimeZone('Europe/London')).toBe('Europe/London');
		expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
		expect(canonicalTimeZone('')).toBeUndefined();
	});

	test.each([
		['2026-05-08', true],
		['2028-02-29', true],
		['2026-02-29', false],
		['2026-13-01', false],
		['08/05/2026', false],
	])('isIsoDate(%j) = %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));

	test.each([
		['2026-05-08T09:00:00', 'Asia/Kolkata', '2026-05-08T09:00:00+05:30'],
		['2026-07-01T09:00', 'Europe/London', '2026-07-01T09:00:00+01:00'],
		['2026-01-01 09:00', 'America/New_York', '2026-01-01T09:00:00-05:00'],
		['2026-05-08T09:00:00+02:00', 'Asia/Kolkata', '2026-05-08T09:00:00+02:00'],
		['2026-02-30T09:00', 'Asia/Kolkata', undefined],
		['2026-05-08T25:00', 'Asia/Kolkata', undefined],
		['next tuesday', 'Asia/Kolkata', undefined],
	])('toOffsetDateTime(%j, %s) = %s', (value, zone, expected) => {
		expect(toOffsetDateTime(value, zone)).toBe(expected);
	});
});
