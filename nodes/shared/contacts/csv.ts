import { parse } from 'csv-parse/sync';
import type { IDataObject } from 'n8n-workflow';

export interface CsvTable {
	headers: string[];
	/** Data rows keyed by header; `rowNumber` is 1-based, header not counted, empty lines skipped. */
	records: Array<{ rowNumber: number; line: number; fields: IDataObject }>;
}

/** Why a CSV could not be read, with the line where reading stopped when known. */
export interface CsvReadFailure {
	message: string;
	line?: number;
}

export type CsvReadResult = { ok: true; table: CsvTable } | ({ ok: false } & CsvReadFailure);

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/** Picks the delimiter that occurs most often, outside quotes, in the header line. */
export function detectDelimiter(text: string): string {
	let headerLine = '';
	let inQuotes = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (char === '"') inQuotes = !inQuotes;
		if (!inQuotes && (char === '\n' || char === '\r')) {
			if (headerLine.trim() !== '') break;
			headerLine = '';
			continue;
		}
		if (!inQuotes) headerLine += char;
	}
	let best = ',';
	let bestCount = 0;
	for (const delimiter of CANDIDATE_DELIMITERS) {
		const count = headerLine.split(delimiter).length - 1;
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

/**
 * Reads a CSV file: UTF-8 with or without BOM, delimiter auto-detected unless given, quoted fields
 * (with commas and newlines inside), blank lines skipped, ragged rows padded. The first non-blank
 * line is the header.
 */
export function readCsv(data: Buffer | string, delimiter?: string): CsvReadResult {
	const text = typeof data === 'string' ? data : data.toString('utf8');
	let rows: Array<{ record: string[]; info: { lines: number } }>;
	try {
		rows = parse(text, {
			bom: true,
			delimiter: delimiter || detectDelimiter(text.replace(/^\uFEFF/, '')),
			info: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_empty_values: true,
		}) as unknown as Array<{ record: string[]; info: { lines: number } }>;
	} catch (error) {
		const { message, lines } = error as { message?: string; lines?: number };
		return { ok: false, message: message ?? 'unreadable CSV', line: lines };
	}
	if (rows.length === 0) return { ok: false, message: 'the file is empty: no header row' };
	const headers = uniqueHeaders(rows[0].record);
	const records: CsvTable['records'] = [];
	for (let r = 1; r < rows.length; r++) {
		const { record, info } = rows[r];
		const fields: IDataObject = {};
		for (let c = 0; c < headers.length; c++) fields[headers[c]] = record[c] ?? '';
		records.push({ rowNumber: r, line: info.lines, fields });
	}
	return { ok: true, table: { headers, records } };
}
