/**
 * Contact files as spreadsheets write them: each file is written here in its encoding, byte by
 * byte, and read back through readCsv.
 */
import { readCsv } from '../../nodes/shared/contacts/csv';
import { decodeText, nonTextKind } from '../../nodes/shared/contacts/decoding';

const TEXT = 'phone\tname\tcity\n+919876510001\tJosé Müller\tKöln\n+919876510002\tZoë – “Ann”\t€ Straße\n';

/** Windows-1252 bytes of a text (written byte by byte: Node has no Windows-1252 encoder). */
function windows1252(text: string): Buffer {
	const high: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94 };
	return Buffer.from([...text].map((char) => high[char] ?? char.charCodeAt(0)));
}

function utf16be(text: string): Buffer {
	const bytes = Buffer.from(text, 'utf16le');
	for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
	return bytes;
}

function read(bytes: Buffer, encoding?: Parameters<typeof readCsv>[1] extends infer O ? (O extends { encoding?: infer E } ? E : never) : never) {
	const result = readCsv(bytes, { encoding });
	if (!result.ok) throw new Error(`unexpected failure: ${result.message}`);
	return result.table;
}

const names = (table: ReturnType<typeof read>) => table.records.map((record) => [record.fields.name, record.fields.city]);
const EXPECTED = [
	['José Müller', 'Köln'],
	['Zoë – “Ann”', '€ Straße'],
];

describe('encodings', () => {
	test('Excel "Unicode Text": UTF-16LE with a byte-order mark, tab-delimited', () => {
		const table = read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
		expect(table.headers).toEqual(['phone', 'name', 'city']);
		expect(names(table)).toEqual(EXPECTED);
		expect(table.records).toHaveLength(2);
		expect(table.encoding).toEqual({ encoding: 'utf-16le' });
	});

	test('UTF-16BE with a byte-order mark', () => {
		const table = read(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]));
		expect(names(table)).toEqual(EXPECTED);
		expect(table.encoding).toEqual({ encoding: 'utf-16be' });
	});

	test('UTF-16LE without a byte-order mark is recognised by its NUL bytes, and the guess is said', () => {
		const table = read(Buffer.from(TEXT, 'utf16le'));
		expect(names(table)).toEqual(EXPECTED);
		expect(table.encoding.guess).toMatch(/UTF-16LE/);
		expect(table.records[0].decodedAs).toMatchObject({ encoding: 'UTF-16LE' });
	});

	test('UTF-8 with and without a byte-order mark: no guess, nothing marked', () => {
		for (const bytes of [Buffer.from(TEXT), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)])]) {
			const table = read(bytes);
			expect(table.headers[0]).toBe('phone');
			expect(names(table)).toEqual(EXPECTED);
			expect(table.encoding).toEqual({ encoding: 'utf-8' });
			expect(table.records[0].decodedAs).toBeUndefined();
		}
	});

	test('Windows-1252 ("CSV" from Excel on Windows) with Auto: read as Windows-1252, and every row says so', () => {
		const table = read(windows1252(TEXT));
		expect(names(table)).toEqual(EXPECTED);
		expect(table.encoding.encoding).toBe('windows-1252');
		expect(table.encoding.guess).toMatch(/not valid UTF-8.*Windows-1252.*CSV Encoding/);
		expect(table.records.map((record) => record.decodedAs?.encoding)).toEqual(['Windows-1252', 'Windows-1252']);
		expect(JSON.stringify(table.records)).not.toContain('\uFFFD');
	});

	test('the Encoding option reads Windows-1252, ISO-8859-1, UTF-16 as set, with no guess', () => {
		expect(names(read(windows1252(TEXT), 'windows-1252'))).toEqual(EXPECTED);
		const latin1 = read(Buffer.from('phone,name\n1,José Müller\n', 'latin1'), 'iso-8859-1');
		expect(latin1.records[0].fields.name).toBe('José Müller');
		expect(latin1.encoding).toEqual({ encoding: 'iso-8859-1' });
		expect(names(read(Buffer.from(TEXT, 'utf16le'), 'utf-16le'))).toEqual(EXPECTED);
		expect(names(read(utf16be(TEXT), 'utf-16be'))).toEqual(EXPECTED);
	});

	test('bytes that are neither UTF-8 nor Windows-1252 stop with the encoding problem, the row and the option', () => {
		const bytes = Buffer.concat([Buffer.from('phone,name\n1,Ravi\n2,Anita\n3,'), Buffer.from([0x81, 0x41]), Buffer.from('\n')]);
		const result = readCsv(bytes);
		expect(result).toMatchObject({ ok: false, row: 3 });
		expect(!result.ok && result.message).toBe('the file is neither UTF-8 nor Windows-1252 text');
		expect(!result.ok && result.hint).toMatch(/Options → CSV Encoding/);
	});

	test('a file mixing UTF-8 and Latin-1 is refused rather than read as mojibake', () => {
		const bytes = Buffer.concat([Buffer.from('phone,name\n1,José\n2,'), Buffer.from('Müller\n', 'latin1')]);
		const result = readCsv(bytes);
		expect(result).toMatchObject({ ok: false, row: 2, message: expect.stringMatching(/mixes UTF-8 with another encoding/) });
	});

	test('with Encoding set to UTF-8, an invalid byte is an error naming its row (no replacement character)', () => {
		const bytes = Buffer.concat([Buffer.from('phone,name\n1,Ravi\n2,'), Buffer.from('Müller\n', 'latin1')]);
		expect(readCsv(bytes, { encoding: 'utf-8' })).toMatchObject({ ok: false, row: 2, message: 'the file is not valid UTF-8' });
		const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('phone\n1\n', 'utf16le'), Buffer.from([0x41])]);
		expect(readCsv(odd, { encoding: 'utf-16le' })).toMatchObject({ ok: false, message: 'the file is not valid UTF-16LE' });
	});

	test('a UTF-16 file read as Windows-1252 by mistake stops on its NUL characters and suggests UTF-16', () => {
		const result = readCsv(Buffer.from(TEXT, 'utf16le'), { encoding: 'windows-1252' });
		expect(result).toMatchObject({ ok: false, row: 0, message: expect.stringMatching(/NUL characters/), hint: expect.stringMatching(/UTF-16LE/) });
	});

	test('decodeText never returns a replacement character it made itself', () => {
		for (let seed = 0; seed < 200; seed++) {
			const bytes = Buffer.from(Array.from({ length: 64 }, (_, i) => (seed * 31 + i * 17 + ((seed * i) % 7)) % 256));
			const decoded = decodeText(bytes);
			if (decoded.ok) expect(decoded.text.includes('\uFFFD')).toBe(false);
		}
	});
});

describe('files that are not CSV', () => {
	test.each([
		['xlsx', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /Excel workbook \(\.xlsx\)/],
		['xls', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], /Excel 97–2003/],
		['pdf', [...Buffer.from('%PDF-1.7\n')], /PDF document/],
		['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], /PNG image/],
		['jpeg', [0xff, 0xd8, 0xff, 0xe0], /JPEG image/],
		['gzip', [0x1f, 0x8b, 0x08], /gzip/],
	])('%s is recognised by its first bytes', (_name, bytes, kind) => {
		expect(nonTextKind(Buffer.from(bytes))).toMatch(kind);
	});

	test('text, even starting with letters of a signature, is not refused', () => {
		for (const text of ['phone,name\n', 'PK,phone\n', '%P,phone\n', 'GIF,phone\n']) expect(nonTextKind(Buffer.from(text))).toBeUndefined();
	});
});
