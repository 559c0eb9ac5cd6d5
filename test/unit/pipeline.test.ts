import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { effectiveBatchSize, prepareContacts } from '../../nodes/shared/contacts/pipeline';
import type { ContactProfile, MappedContact, SourceRow } from '../../nodes/shared/contacts/types';
import { osviProfile } from '../../nodes/Osvi/profile';

const genericProfile: ContactProfile = {
	provider: 'Test',
	maxBatchSize: 3,
	fields: [{ key: 'name', displayName: 'Name', aliases: ['name', 'full_name'] }],
};

function rows(list: Array<Record<string, unknown>>): SourceRow[] {
	return list.map((fields, itemIndex) => ({ itemIndex, row: null, fields: fields as SourceRow['fields'] }));
}

function prepare(list: Array<Record<string, unknown>>, profile = genericProfile, extra: Partial<Parameters<typeof prepareContacts>[2]> = {}) {
	return prepareContacts(rows(list), createRowMapper(profile, { sources: {} }), { profile, defaultCountry: 'US', ...extra });
}

/** A mapped contact as plain data (the pipeline derives some of its properties on read). */
function plain(contact: MappedContact) {
	return { rawPhones: contact.rawPhones, fields: contact.fields, variables: contact.variables };
}

describe('mapping', () => {
	test('detects phone and name columns case- and punctuation-insensitively; the rest become variables', () => {
		const map = createRowMapper(genericProfile, { sources: {} });
		expect(plain(map({ itemIndex: 0, row: null, fields: { 'Phone Number': '4155550101', 'Full Name': 'Dana', plan: 'pro' } }))).toEqual({
			rawPhones: ['4155550101'],
			fields: { name: 'Dana' },
			variables: { plan: 'pro' },
		});
	});

	test('prefers "phone" over other phone-like columns and keeps those as variables', () => {
		const map = createRowMapper(genericProfile, { sources: {} });
		const contact = map({ itemIndex: 0, row: null, fields: { mobile: '4155550102', phone: '4155550101' } });
		expect(contact.rawPhones).toEqual(['4155550101']);
		expect(contact.variables).toEqual({ mobile: '4155550102' });
	});

	test('explicit column names and per-item values override detection', () => {
		const map = createRowMapper(genericProfile, {
			sources: { phone: { kind: 'column', name: 'work' }, name: { kind: 'value', read: (i) => `person ${i}` } },
		});
		expect(plain(map({ itemIndex: 7, row: null, fields: { work: '4155550101', phone: 'x', name: 'ignored' } }))).toEqual({
			rawPhones: ['4155550101'],
			fields: { name: 'person 7' },
			variables: { phone: 'x', name: 'ignored' },
		});
	});

	test('OSVI joins first and last name when there is no name column', () => {
		const map = createRowMapper(osviProfile, { sources: {} });
		expect(map({ itemIndex: 0, row: 1, fields: { first_name: 'Ravi', Last_Name: 'Kumar', phone: '9876543210' } }).fields).toEqual({
			person_name: 'Ravi Kumar',
		});
	});

	test('Variable Fields limits which other fields are sent', () => {
		const map = createRowMapper(genericProfile, { sources: {}, variableFields: ['plan'] });
		expect(map({ itemIndex: 0, row: null, fields: { phone: '1', plan: 'pro', secret_note: 'x' } }).variables).toEqual({ plan: 'pro' });
	});

	test('several phone numbers for a provider that dials several, in order', () => {
		const map = createRowMapper({ ...genericProfile, multiplePhones: true }, { sources: {} });
		expect(map({ itemIndex: 0, row: null, fields: { phone: '4155550101; 4155550102,4155550103' } }).rawPhones).toEqual([
			'4155550101',
			'4155550102',
			'4155550103',
		]);
		expect(map({ itemIndex: 0, row: null, fields: { phone: ['4155550101', 4155550102] } }).rawPhones).toEqual(['4155550101', '4155550102']);
	});
});

describe('prepareContacts', () => {
	test('every row ends in one record, in input order, with reasons for the ones not sent', () => {
		const { records, batches } = prepare(
			[
				{ phone: '(415) 555-0101', name: 'A' },
				{ phone: 'not a number', name: 'B' },
				{ phone: '+1 415 555 0101', name: 'C' },
				{ name: 'D' },
				{ phone: '4155550102', name: 'E' },
			],
			genericProfile,
			{ doNotCall: new Set(['+14155550102']) },
		);
		expect(records.map((r) => [r.seq, r.status, r.phones[0]])).toEqual([
			[0, undefined, '+14155550101'],
			[1, 'invalid', undefined],
			[2, 'duplicate', '+14155550101'],
			[3, 'invalid', undefined],
			[4, 'suppressed', '+14155550102'],
		]);
		expect(records[1].reason).toMatch(/not a phone number/);
		expect(records[2].reason).toBe('same phone number +14155550101 as item 0, which was kept');
		expect(records[2].duplicateOf).toBe(records[0]);
		expect(records[3].reason).toBe('no phone number');
		expect(records[4].reason).toBe('+14155550102 is on the Do-Not-Call list given to the node');
		expect(batches).toEqual([[records[0]]]);
	});

	test('suppression comes before dedupe: a suppressed number does not shadow a later one', () => {
		const { records } = prepare([{ phone: '4155550101' }, { phone: '4155550101' }], genericProfile, {
			doNotCall: new Set(['+14155550101']),
		});
		expect(records.map((r) => r.status)).toEqual(['suppressed', 'suppressed']);
	});

	test("OSVI's dedupe keeps the longer person_name, wherever it comes", () => {
		const { records, batches } = prepare(
			[
				{ phone: '9876543210', name: 'Ravi' },
				{ phone: '+919876543210', name: 'Ravi Kumar' },
				{ phone: '09876543210', name: 'R' },
				{ phone: '9876543210', name: 'Ravi Kumar Sharma' },
			],
			osviProfile,
		);
		expect(records.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', undefined]);
		// Every duplicate names the contact that was finally kept, not an intermediate one.
		for (const record of records.slice(0, 3)) {
			expect(record.duplicateOf).toBe(records[3]);
			expect(record.reason).toBe("same phone number +919876543210 as item 3, which was kept (OSVI's rule)");
		}
		expect(batches).toEqual([[records[3]]]);
	});

	test('equal name lengths keep the first contact', () => {
		const { records } = prepare(
			[
				{ phone: '9876543210', name: 'Ravi' },
				{ phone: '9876543210', name: 'Rama' },
			],
			osviProfile,
		);
		expect(records.map((r) => r.status)).toEqual([undefined, 'duplicate']);
	});

	test('OSVI requires a person name', () => {
		const { records } = prepare([{ phone: '9876543210' }], osviProfile);
		expect(records[0]).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/person_name/) });
	});

	test.each([
		[0, 3, [3, 3, 1]],
		[1, 3, [1, 1, 1, 1, 1, 1, 1]],
		[2, 3, [2, 2, 2, 1]],
		[3, 3, [3, 3, 1]],
		[7, 3, [3, 3, 1]],
	])('batch size %i within a limit of %i gives batches %j', (requested, _limit, sizes) => {
		const list = Array.from({ length: 7 }, (_, i) => ({ phone: `415555${String(1000 + i)}` }));
		const { batches, records } = prepare(list, genericProfile, { batchSize: requested });
		expect(batches.map((batch) => batch.length)).toEqual(sizes);
		expect(records.map((r) => r.batch)).toEqual(batches.flatMap((batch, b) => batch.map(() => b + 1)));
	});

	test('exactly the limit makes one full batch; one more makes a second batch of one', () => {
		const make = (n: number) => Array.from({ length: n }, (_, i) => ({ phone: `415555${String(1000 + i)}` }));
		expect(prepare(make(3)).batches.map((b) => b.length)).toEqual([3]);
		expect(prepare(make(4)).batches.map((b) => b.length)).toEqual([3, 1]);
		expect(prepare([]).batches).toEqual([]);
	});

	test('duplicates and invalid rows do not take places in batches', () => {
		const { batches } = prepare([
			{ phone: '4155550101' },
			{ phone: '4155550101' },
			{ phone: 'x' },
			{ phone: '4155550102' },
			{ phone: '4155550103' },
			{ phone: '4155550104' },
		]);
		expect(batches.map((b) => b.map((r) => r.seq))).toEqual([[0, 3, 4], [5]]);
	});

	test('effectiveBatchSize caps at the provider limit and ignores nonsense', () => {
		expect(effectiveBatchSize(osviProfile, 50_000)).toBe(10_000);
		expect(effectiveBatchSize(osviProfile, 2.7)).toBe(2);
		expect(effectiveBatchSize(osviProfile, -1)).toBe(10_000);
		expect(effectiveBatchSize(osviProfile, Number.NaN)).toBe(10_000);
	});

	test('firstSeq continues numbering across groups', () => {
		const { records } = prepare([{ phone: '4155550101' }], genericProfile, { firstSeq: 10 });
		expect(records[0].seq).toBe(10);
	});
});
