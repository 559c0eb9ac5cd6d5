/**
 * Odd keys and values a CRM export or a Code node can hand over: each becomes a clear per-contact
 * reason before any request, never a crash, a polluted prototype or a silently shortened value.
 */
import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { countryLabel, normalizeToE164 } from '../../nodes/shared/contacts/phone';
import { describeOrigin, prepareContacts } from '../../nodes/shared/contacts/pipeline';
import { quote } from '../../nodes/shared/contacts/reasons';
import { contactResult, summaryResult } from '../../nodes/shared/contacts/results';
import type { ContactProfile, SourceRow } from '../../nodes/shared/contacts/types';
import { osmTalkLeadProfile } from '../../nodes/OsmTalk/profile';
import { osviProfile, toOsviContact } from '../../nodes/Osvi/profile';

const profile: ContactProfile = {
	provider: 'Test',
	maxBatchSize: 10,
	fields: [{ key: 'name', displayName: 'Name', aliases: ['name'] }],
};

function prepare(list: Array<Record<string, unknown>>, given = profile) {
	const rows: SourceRow[] = list.map((fields, itemIndex) => ({ itemIndex, row: null, fields: fields as SourceRow['fields'] }));
	return prepareContacts(rows, createRowMapper(given, { sources: {} }), { profile: given, defaultCountry: 'IN' });
}

function deep(levels: number): Record<string, unknown> {
	let value: Record<string, unknown> = { leaf: 'x' };
	for (let i = 0; i < levels; i++) value = { inner: value };
	return value;
}

describe('odd keys', () => {
	test('a __proto__ field with a value is refused with a reason; no prototype is touched', () => {
		const fields = JSON.parse('{"phone":"9876543210","name":"Ravi","__proto__":{"polluted":true}}');
		const [record] = prepare([fields]).records;
		expect(record.status).toBe('invalid');
		expect(record.reason).toMatch(/^field "__proto__" cannot be sent: the name is reserved in JavaScript; .*Variable Fields/);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(record.contact.variables)).toBe(Object.prototype);
	});

	test('an empty __proto__ column is left out (nothing to send); left out by Variable Fields, it is no problem', () => {
		const fields = JSON.parse('{"phone":"9876543210","name":"Ravi","__proto__":""}');
		expect(prepare([fields]).records[0].status).toBeUndefined();
		const rows: SourceRow[] = [{ itemIndex: 0, row: null, fields: JSON.parse('{"phone":"9876543210","name":"Ravi","__proto__":"x","plan":"Pro"}') }];
		const { records } = prepareContacts(rows, createRowMapper(profile, { sources: {}, variableFields: ['plan'] }), { profile, defaultCountry: 'IN' });
		expect(records[0].status).toBeUndefined();
		expect(records[0].contact.variables).toEqual({ plan: 'Pro' });
	});

	test('constructor and prototype are carried as variables, as own keys, to the wire', () => {
		const [record] = prepare([{ phone: '9876543210', name: 'Ravi', constructor: 'c', prototype: 'p' }], osviProfile).records;
		expect(record.status).toBeUndefined();
		const wire = toOsviContact(record);
		expect(JSON.parse(JSON.stringify(wire))).toEqual({ constructor: 'c', prototype: 'p', person_name: 'Ravi', phone: '+919876543210' });
	});
});

describe('deep, cyclic and non-phone values', () => {
	test('a value nested 5,000 levels is invalid naming the field, for OSVI and OSMTalk (no stack overflow)', () => {
		for (const given of [osviProfile, osmTalkLeadProfile()]) {
			const { records, batches } = prepare([{ phone: '9876543210', name: 'Ravi', data: deep(5000) }, { phone: '9876500000', name: 'Anita' }], given);
			expect(records[0].status).toBe('invalid');
			expect(records[0].reason).toBe('field "data" is nested more than 100 levels deep, which cannot be sent');
			expect(batches.flat()).toEqual([records[1]]);
			expect(() => JSON.stringify(contactResult(records[0]))).not.toThrow();
		}
	});

	test('a cyclic value is invalid naming the field; a value shared twice (not a cycle) is fine', () => {
		const cyclic: Record<string, unknown> = { a: 1 };
		cyclic.self = cyclic;
		const shared = { x: 1 };
		const { records } = prepare([
			{ phone: '9876543210', name: { nick: cyclic } },
			{ phone: '9876500000', name: 'Anita', pair: [shared, shared] },
		]);
		expect(records[0].reason).toBe('field "name" contains itself (a cyclic value), which cannot be sent');
		expect(records[1].status).toBeUndefined();
		expect(() => JSON.stringify(contactResult(records[0]))).not.toThrow();
	});

	test('a phone field holding a boolean, an object or a list with one says it is not a phone number', () => {
		const { records } = prepare([
			{ phone: true, name: 'A' },
			{ phone: { number: '9876543210' }, name: 'B' },
			{ phone: ['9876543210', false], name: 'C' },
			{ phone: Number.NaN, name: 'D' },
			{ phone: 9876543210, name: 'E' },
		]);
		expect(records.map((record) => record.reason)).toEqual([
			'the phone field "phone" holds true, which is not a phone number',
			'the phone field "phone" holds an object, which is not a phone number',
			'the phone field "phone" holds a list with false in it, which is not a phone number',
			'the phone field "phone" holds NaN, which is not a phone number',
			undefined,
		]);
	});

	test('a replacement character (text lost in an earlier conversion) is never sent', () => {
		const [record] = prepare([{ phone: '9876543210', name: 'Jos\uFFFD M\uFFFDller' }]).records;
		expect(record.status).toBe('invalid');
		expect(record.reason).toMatch(/^field "name" contains "\uFFFD", the mark of characters lost/);
	});

	test('an empty CSV row is invalid as "empty row", with its row number', () => {
		const rows: SourceRow[] = [{ itemIndex: 0, row: 4, fields: { phone: '', name: '' }, problem: 'empty row' }];
		const { records } = prepareContacts(rows, createRowMapper(profile, { sources: {} }), { profile });
		expect(contactResult(records[0])).toMatchObject({ status: 'invalid', reason: 'empty row', row: 4 });
	});
});

describe('reasons', () => {
	test('quote at most 100 characters of a 1 MB cell, and say its length', () => {
		const huge = '9'.repeat(1_048_576);
		const reason = normalizeToE164(huge, 'IN');
		expect(reason.ok).toBe(false);
		expect(!reason.ok && reason.reason.length).toBeLessThan(200);
		expect(!reason.ok && reason.reason).toContain(`"${'9'.repeat(100)}…" (1,048,576 characters)`);
		expect(quote('😀'.repeat(60))).not.toMatch(/[\uD800-\uDBFF]…/);
	});

	test.each([
		['+919876510004 x123', '123'],
		['+91 98765 10004 ext. 123', '123'],
		['tel:+91-98765-10004;ext=123', '123'],
		['9876510004 extension 45', '45'],
		['(415) 555-0101 #7', '7'],
	])('%s: the extension %s is named, never cut off', (text, extension) => {
		const check = normalizeToE164(text, 'IN');
		expect(check.ok).toBe(false);
		expect(!check.ok && check.reason).toContain(`has the extension ${extension}, which cannot be sent`);
	});

	test('countries are written "India (IN)"', () => {
		expect(countryLabel('IN')).toBe('India (IN)');
		expect(countryLabel('US')).toBe('United States (US)');
		const check = normalizeToE164('98765', 'IN');
		expect(!check.ok && check.reason).toBe('"98765" is too short for India (IN)');
	});

	test('CSV rows are cited by row, with the item only when it is not the first', () => {
		expect(describeOrigin({ itemIndex: 0, row: 7 })).toBe('row 7');
		expect(describeOrigin({ itemIndex: 2, row: 7 })).toBe('row 7 of the file in item 2');
		expect(describeOrigin({ itemIndex: 3, row: null })).toBe('item 3');
	});
});

describe('Include Input Fields', () => {
	test('puts the input fields on the result; the result\'s own fields win over same-named input fields', () => {
		const { records } = prepare([{ phone: '9876543210', name: 'Ravi', crm_id: 'A-1', status: 'lead' }]);
		expect(contactResult(records[0])).not.toHaveProperty('crm_id');
		const result = contactResult(records[0], { includeInputFields: true });
		expect(result).toMatchObject({ crm_id: 'A-1', name: 'Ravi', rawPhone: '9876543210', phone: '+919876543210' });
		expect(result.status).not.toBe('lead');
		const summary = summaryResult(records.map((record) => Object.assign(record, { status: 'invalid' })), [], false, { includeInputFields: true });
		expect((summary.notSent as Array<Record<string, unknown>>)[0].crm_id).toBe('A-1');
	});
});
