/**
 * A plain ASCII file is handed to csv-parse as bytes instead of being decoded into a string first
 * (plainAsciiBody). That may not change a single result: both paths read a large set of generated
 * files (quotes, line breaks inside quotes, CR / LF / CRLF, blank and ragged rows, byte-order
 * marks, every candidate delimiter, broken quoting that stops the reader) and every result (rows,
 * fields, row numbers, encoding, failure and its row) is compared. The decoding path is the same
 * modules loaded with the byte path switched off.
 */
import { readCsv } from '../../nodes/shared/contacts/csv';
import { plainAsciiBody } from '../../nodes/shared/contacts/decoding';
import { mulberry32 } from '../support/prng';

let decodingReadCsv: typeof readCsv;
const switchedOff = jest.fn((): Uint8Array | undefined => undefined);

beforeAll(() => {
	jest.isolateModules(() => {
		jest.doMock('../../nodes/shared/contacts/decoding', () => ({
			...jest.requireActual('../../nodes/shared/contacts/decoding'),
			plainAsciiBody: switchedOff,
		}));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		decodingReadCsv = require('../../nodes/shared/contacts/csv').readCsv;
	});
});

const random = mulberry32(21);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

const CELLS = ['', ' ', '+91 98765 43210', '9876543210', 'Anita Desai', 'x', '"quoted, with comma"', '"line\nbreak"', '"say ""hi"""', "5'10\"", '"unclosed', 'a"b', '__proto__', '  padded  ', '"a";"b"', '\t', 'José'];
const LINE_ENDS = ['\n', '\r\n', '\r'];
const DELIMITERS = [',', ';', '\t', '|'];

function generatedFile(): string {
	const delimiter = pick(DELIMITERS);
	const lineEnd = pick(LINE_ENDS);
	const columns = 1 + Math.floor(random() * 4);
	const header = Array.from({ length: columns }, (_, c) => pick(['phone', 'name', '', 'plan', '__proto__', `"col${c}"`, 'phone']));
	const lines = [header.join(delimiter)];
	const rows = Math.floor(random() * 12);
	for (let r = 0; r < rows; r++) {
		const width = random() < 0.8 ? columns : Math.floor(random() * (columns + 2));
		lines.push(Array.from({ length: width }, () => pick(CELLS)).join(random() < 0.9 ? delimiter : pick(DELIMITERS)));
	}
	let text = (random() < 0.2 ? lineEnd : '') + lines.join(lineEnd) + (random() < 0.5 ? lineEnd : '') + (random() < 0.1 ? lineEnd.repeat(2) : '');
	if (random() < 0.2) text = `\uFEFF${text}`;
	return text;
}

describe('a plain ASCII file read as bytes gives exactly the results of the decoding path', () => {
	test('5,000 generated files, with auto and UTF-8, with and without a given delimiter', () => {
		let byteReads = 0;
		const differences: string[] = [];
		for (let i = 0; i < 5000 && differences.length < 10; i++) {
			const text = generatedFile();
			const bytes = Buffer.from(text, 'utf8');
			const options = { encoding: pick(['auto', 'utf-8'] as const), delimiter: random() < 0.2 ? pick(DELIMITERS) : undefined, itemIndex: 1 };
			if (plainAsciiBody(bytes, options.encoding)) byteReads++;
			const fast = readCsv(bytes, options);
			const general = decodingReadCsv(bytes, options);
			if (JSON.stringify(fast) !== JSON.stringify(general)) differences.push(`${JSON.stringify(text)}: ${JSON.stringify(fast)} vs ${JSON.stringify(general)}`);
		}
		expect(differences).toEqual([]);
		// The comparison means something only if many files take the byte path.
		expect(byteReads).toBeGreaterThan(2000);
	});

	test('only plain ASCII takes the byte path, after a UTF-8 byte-order mark', () => {
		expect(plainAsciiBody(Buffer.from('phone\n1\n'))).toEqual(Buffer.from('phone\n1\n'));
		expect(plainAsciiBody(Buffer.from('\uFEFFphone\n1\n'))).toEqual(Buffer.from('phone\n1\n'));
		expect(plainAsciiBody(Buffer.from('name\nJosé\n'))).toBeUndefined();
		expect(plainAsciiBody(Buffer.from('a\u0000b'))).toBeUndefined();
		expect(plainAsciiBody(Buffer.from('phone\n1\n'), 'windows-1252')).toBeUndefined();
		expect(plainAsciiBody(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBeUndefined();
	});

	test('the decoding path is really switched off in the comparison', () => {
		switchedOff.mockClear();
		expect(decodingReadCsv(Buffer.from('phone\n9876543210\n'))).toMatchObject({ ok: true });
		expect(switchedOff).toHaveBeenCalledTimes(1);
	});
});
