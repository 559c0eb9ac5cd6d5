import { detectDelimiter, readCsv } from '../../nodes/shared/contacts/csv';

function table(text: string | Buffer, delimiter?: string) {
	const result = readCsv(text, delimiter);
	if (!result.ok) throw new Error(`unexpected CSV failure: ${result.message}`);
	return result.table;
}

describe('readCsv', () => {
	test('reads a plain file with row numbers that skip the header', () => {
		const { headers, records } = table('phone,name\n9876543210,Ravi\n9876500000,Anita\n');
		expect(headers).toEqual(['phone', 'name']);
		expect(records.map((r) => [r.rowNumber, r.fields])).toEqual([
			[1, { phone: '9876543210', name: 'Ravi' }],
			[2, { phone: '9876500000', name: 'Anita' }],
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

	test('skips empty lines and lines of empty cells, keeping row numbers of real rows consecutive', () => {
		const { records } = table('\n\nphone,name\n\n9876543210,Ravi\n,\n\r\n9876500000,Anita\n\n');
		expect(records.map((r) => [r.rowNumber, r.fields.name])).toEqual([
			[1, 'Ravi'],
			[2, 'Anita'],
		]);
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

	test('an unclosed quote is reported with its line, not thrown', () => {
		const result = readCsv('phone,name\n9876543210,Ravi\n9876500000,"Anita\n');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/quote/i);
	});

	test('an empty file is reported', () => {
		const result = readCsv('');
		expect(result).toEqual({ ok: false, message: expect.stringMatching(/empty/) });
	});
});
