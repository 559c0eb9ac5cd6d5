import type { IDataObject } from 'n8n-workflow';

import { splitRecords } from './csvRecords';
import { ENCODING_LABELS, decodeText, plainAsciiBody, type CsvEncoding, type DecodedText } from './decoding';
import type { EncodingGuess, SourceRow } from './types';

export interface CsvTable {
	headers: string[];
	/**
	 * Every data row, numbered as in the file: the header is row 0 and the first line after it row 1.
	 * Blank-looking rows (only spaces or delimiters) keep their number and carry the problem
	 * "empty row"; blank lines after the last row are not rows.
	 */
	records: SourceRow[];
	/** The encoding the file was read in, and why when Auto had to guess it. */
	encoding: Omit<DecodedText, 'text'>;
}

/** Why a CSV could not be read, with the data row where reading stopped when known. */
export interface CsvReadFailure {
	message: string;
	/** What the user can do about it. */
	hint?: string;
	row?: number;
}

export type CsvReadResult = { ok: true; table: CsvTable } | ({ ok: false } & CsvReadFailure);

export interface CsvReadOptions {
	/** Column delimiter; detected from the header line when empty. */
	delimiter?: string;
	encoding?: CsvEncoding;
	/** The input item the file came from, written on every record. */
	itemIndex?: number;
}

const EMPTY_ROW = 'empty row';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** The first non-blank line outside quotes, and whether it ended in `text` (else it runs to the end). */
function headerLine(text: string): { line: string; ended: boolean } {
	let line = '';
	let inQuotes = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '"') inQuotes = !inQuotes;
		if (!inQuotes && (char === '\n' || char === '\r')) {
			if (line.trim() !== '') return { line, ended: true };
			line = '';
			continue;
		}
		if (!inQuotes) line += char;
	}
	return { line, ended: false };
}

/** Picks the delimiter that occurs most often, outside quotes, in the header line. */
export function detectDelimiter(text: string): string {
	return delimiterOf(headerLine(text).line);
}

/** The header line is looked for in this much of a file read as bytes. */
const HEADER_SEARCH_BYTES = 1 << 16;

/** detectDelimiter for ASCII bytes, decoding only their start when the header line ends there. */
function detectDelimiterInAscii(bytes: Buffer): string {
	const head = headerLine(bytes.toString('latin1', 0, Math.min(bytes.length, HEADER_SEARCH_BYTES)));
	return head.ended ? delimiterOf(head.line) : detectDelimiter(bytes.toString('latin1'));
}

function delimiterOf(line: string): string {
	let best = ',';
	let bestCount = 0;
	for (const delimiter of CANDIDATE_DELIMITERS) {
		const count = line.split(delimiter).length - 1;
		if (count > bestCount) {
			best = delimiter;
			bestCount = count;
		}
	}
	return best;
}

/** Makes every header usable as a key: blank ones get `column_N`, repeated ones `name_2`, … */
function uniqueHeaders(raw: string[]): string[] {
	const seen = new Map<string, number>();
	return raw.map((header, index) => {
		const base = header.trim() === '' ? `column_${index + 1}` : header.trim();
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		return count === 1 ? base : `${base}_${count}`;
	});
}

function isBlank(record: string[]): boolean {
	for (const cell of record) if (cell.trim() !== '') return false;
	return true;
}

/**
 * The data row (header = 0) that the character at `index` of `text` is on: line breaks inside
 * quoted fields do not end a row, and blank lines before the header are not counted.
 */
export function rowAt(text: string, index: number): number {
	let row = -1;
	let lineHasText = false;
	let inQuotes = false;
	for (let i = 0; i < index && i < text.length; i++) {
		const char = text[i];
		if (char === '"') inQuotes = !inQuotes;
		if (inQuotes) continue;
		if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
			if (row >= 0 || lineHasText) row++;
			lineHasText = false;
		} else if (char !== '\r' && char.trim() !== '') {
			lineHasText = true;
		}
	}
	// `row` counts the rows ended before `index`; the character is on the next one.
	return row + 1;
}

/** A row's fields keyed by header. A `__proto__` header becomes an own field, never the prototype. */
function rowFields(headers: string[], record: string[], hasProtoHeader: boolean): IDataObject {
	const fields: IDataObject = {};
	if (!hasProtoHeader) {
		for (let c = 0; c < headers.length; c++) fields[headers[c]] = record[c] ?? '';
		return fields;
	}
	for (let c = 0; c < headers.length; c++) {
		Object.defineProperty(fields, headers[c], { value: record[c] ?? '', enumerable: true, writable: true, configurable: true });
	}
	return fields;
}

/**
 * Reads a CSV file: decoded as `encoding` says (see decodeText), delimiter auto-detected unless
 * given, quoted fields (with commas and newlines inside), ragged rows padded. The first non-blank
 * line is the header.
 */
export function readCsv(data: Uint8Array | string, options: CsvReadOptions = {}): CsvReadResult {
	/** What csv-parse reads: the decoded text, or the bytes of a plain ASCII file as they are. */
	let text: string | Buffer;
	let encoding: CsvTable['encoding'] = { encoding: 'utf-8' };
	const ascii = typeof data === 'string' ? undefined : plainAsciiBody(data, options.encoding);
	if (typeof data === 'string') {
		text = data.charCodeAt(0) === 0xfeff ? data.slice(1) : data;
	} else if (ascii) {
		text = Buffer.isBuffer(ascii) ? ascii : Buffer.from(ascii.buffer, ascii.byteOffset, ascii.byteLength);
	} else {
		const decoded = decodeText(data, options.encoding);
		if (!decoded.ok) {
			const row = decoded.partial === undefined ? undefined : rowAt(decoded.partial, decoded.index ?? 0);
			return { ok: false, message: decoded.message, hint: decoded.hint, row };
		}
		text = decoded.text;
		encoding = decoded.guess ? { encoding: decoded.encoding, guess: decoded.guess } : { encoding: decoded.encoding };
	}
	const itemIndex = options.itemIndex ?? 0;
	let headers: string[] | undefined;
	let hasProtoHeader = false;
	let guess: EncodingGuess | undefined;
	const records: SourceRow[] = [];
	// Each record becomes its row as it is read: no list of parsed cells is kept beside the rows.
	const delimiter = options.delimiter || (typeof text === 'string' ? detectDelimiter(text) : detectDelimiterInAscii(text));
	const failure = splitRecords(text, delimiter, (cells) => {
		if (headers === undefined) {
			// Blank lines before the header are not rows.
			if (isBlank(cells)) return;
			headers = uniqueHeaders(cells);
			hasProtoHeader = headers.includes('__proto__');
			if (encoding.guess) guess = { itemIndex, encoding: ENCODING_LABELS[encoding.encoding], why: encoding.guess };
			return;
		}
		const source: SourceRow = { itemIndex, row: records.length + 1, fields: rowFields(headers, cells, hasProtoHeader) };
		if (isBlank(cells)) source.problem = EMPTY_ROW;
		if (guess) source.decodedAs = guess;
		records.push(source);
	});
	if (failure) return { ok: false, message: failure.message, row: rowAt(typeof text === 'string' ? text : text.toString('latin1'), failure.index) };
	if (headers === undefined) return { ok: false, message: 'the file is empty: no header row' };
	// Blank lines after the last row are not rows either.
	while (records.length > 0 && records[records.length - 1].problem === EMPTY_ROW) records.pop();
	return { ok: true, table: { headers, records, encoding } };
}
