import { detectDelimiter, readCsv, rowAt } from '../../nodes/shared/contacts/csv';

function table(text: string | Buffer, delimiter?: string) {
	const result = readCsv(text, { delimiter });
	if (!result.ok) throw new Error(`unexpected CSV failure: ${result.message}`);
	return result.table;
}

describe('readCsv', () => {
	test('reads a plain file with row numbers that skip the header', () => {
		const { headers, records } = table('phone,name\n9876543210,Ravi\n9876500000,Anita\n');
		expect(headers).toEqual(['phone', 'name']);
		expect(records.map((r) => [r.row, r.fields, r.problem])).toEqual([
			[1, { phone: '9876543210', name: 'Ravi' }, undefined],
			[2, { phone: '9876500000', name: 'Anita' }, undefined],
		]);
	});

	test('strips a UTF-8 BOM so the first header is not "\\uFEFFphone"', () => {
		const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('phone,name\n9876543210,Ravi\n')]);
		expect(table(withBom).headers).toEqual(['phone', 'name']);
	});

	test('keeps quoted commas, quotes and newlines inside a field', () => {
		const { records } = table('phone,name,note\n9876543210,"Kumar, Ravi","said ""call later""\nthen hung up"\n');
		expect(records[0].fields).toEqual({ phone: '9876543210', name: 'Kumar, Ravi', note: 'said "call later"\nthen hung up' });
		expect(records).toHaveLength(1);
	});

	test('numbers rows as the file does (header = row 0): blank-looking rows keep their number as "empty row"', () => {
		const { records } = table('\n\nphone,name\n\n9876543210,Ravi\n,\n \t, \n9876500000,Anita\n\n');
		expect(records.map((r) => [r.row, r.fields.name, r.problem])).toEqual([
			[1, '', 'empty row'],
			[2, 'Ravi', undefined],
			[3, '', 'empty row'],
			[4, ' ', 'empty row'],
			[5, 'Anita', undefined],
		]);
	});

	test('a quoted field over several lines is one row, so later rows keep the file\'s numbers', () => {
		const { records } = table('phone,note\n1,"two\nlines"\n2,x\n');
		expect(records.map((r) => [r.row, r.fields.phone])).toEqual([
			[1, '1'],
			[2, '2'],
		]);
		expect(rowAt('phone,note\n1,"two\nlines"\n2,x\n', 'phone,note\n1,"two\nlines"\n2'.length)).toBe(2);
	});

	test('a __proto__ header becomes an ordinary field of the row; no prototype is touched', () => {
		const { records } = table('phone,__proto__,constructor,prototype\n1,a,b,c\n');
		const fields = records[0].fields;
		expect(Object.keys(fields)).toEqual(['phone', '__proto__', 'constructor', 'prototype']);
		expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('a');
		expect(({} as Record<string, unknown>).a).toBeUndefined();
	});

	test('pads short rows and ignores cells beyond the header', () => {
		const { records } = table('phone,name,plan\n9876543210,Ravi\n9876500000,Anita,Pro,extra\n');
		expect(records[0].fields).toEqual({ phone: '9876543210', name: 'Ravi', plan: '' });
		expect(records[1].fields).toEqual({ phone: '9876500000', name: 'Anita', plan: 'Pro' });
	});

	test('names blank and repeated headers instead of losing their columns', () => {
		expect(table('phone,,name,name\n1,2,3,4\n').headers).toEqual(['phone', 'column_2', 'name', 'name_2']);
	});

	test('detects semicolon, tab and pipe delimiters from the header line', () => {
		expect(detectDelimiter('phone;name\n1;2')).toBe(';');
		expect(detectDelimiter('phone\tname\n1\t2')).toBe('\t');
		expect(detectDelimiter('phone|name\n1|2')).toBe('|');
		expect(detectDelimiter('"a;b",c\n')).toBe(',');
		expect(table('phone;name\n9876543210;Ravi, Kumar\n').records[0].fields).toEqual({ phone: '9876543210', name: 'Ravi, Kumar' });
		expect(table('phone|name\n1|x', ',').headers).toEqual(['phone|name']);
	});

	test('Windows line endings', () => {
		expect(table('phone,name\r\n9876543210,Ravi\r\n').records[0].fields).toEqual({ phone: '9876543210', name: 'Ravi' });
	});

	test('an unclosed quote is reported with its row, not thrown', () => {
		const result = readCsv('phone,name\n9876543210,Ravi\n9876500000,"Anita\n');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/quote/i);
		expect(!result.ok && result.row).toBe(2);
	});

	test('a quote inside an unquoted field is kept as written, as spreadsheets read it', () => {
		expect(table('phone,name,height\n1,Ravi "the man" Kumar,5\'10"\n').records[0].fields).toEqual({ phone: '1', name: 'Ravi "the man" Kumar', height: '5\'10"' });
	});

	test('mixed LF and CRLF line ends, and old Mac CR-only files, leave no \\r in any value', () => {
		const mixed = table('phone,name\r\n1,Ravi\n2,"An\r\nita"\r\n3,Sam\r\n');
		expect(mixed.records.map((r) => r.fields)).toEqual([
			{ phone: '1', name: 'Ravi' },
			{ phone: '2', name: 'An\r\nita' },
			{ phone: '3', name: 'Sam' },
		]);
		expect(table('phone,name\r1,Ravi\r2,Anita\r').records.map((r) => [r.row, r.fields.name])).toEqual([
			[1, 'Ravi'],
			[2, 'Anita'],
		]);
	});

	test('text after a closing quote keeps the field as written (csv-parse, relax_quotes)', () => {
		expect(table('phone,name\n1,Ravi\n2,"Anita" Desai\n').records.map((r) => r.fields.name)).toEqual(['Ravi', '"Anita" Desai']);
	});

	test('a trailing delimiter is an empty last cell; a row without a newline at the end is read', () => {
		expect(table('phone,name,\n1,"Ravi",').records[0].fields).toEqual({ phone: '1', name: 'Ravi', column_3: '' });
	});

	test('an empty file is reported', () => {
		const result = readCsv('');
		expect(result).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
	});
});
