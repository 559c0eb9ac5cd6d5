import { parse } from 'csv-parse/sync';

/*
 * The record splitter of the CSV reader: csv-parse, handing each record on as it is read. The
 * callback returns null, so csv-parse keeps no list of parsed records and no `info` per record:
 * the reader builds each contact row directly (a million rows are read without a second copy).
 */

export interface RecordSplitFailure {
	message: string;
	/** Where in the text reading stopped. */
	index: number;
}

/**
 * Splits CSV text (a string, or the bytes of UTF-8 text) into records (RFC 4180) and hands each record's cells to `onRecord`: a field in
 * double quotes may hold delimiters, line breaks and doubled quotes; a quote inside an unquoted
 * field is kept as written (`5'10"`, `"Anita" Desai`); rows may have fewer or more cells
 * than the header. Empty lines are handed on too (as one empty cell), so rows keep the file's
 * numbering.
 */
export function splitRecords(text: string | Buffer, delimiter: string, onRecord: (cells: string[]) => void): RecordSplitFailure | undefined {
	try {
		parse(text, {
			delimiter,
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: false,
			// Files saved by different tools mix line ends; old Mac files end lines with CR alone.
			record_delimiter: ['\r\n', '\n', '\r'],
			on_record: (record: string[]) => {
				onRecord(record);
				return null;
			},
		});
		return undefined;
	} catch (error) {
		const { message, bytes } = error as { message?: string; bytes?: number };
		return { message: message ?? 'unreadable CSV', index: typeof bytes === 'number' ? bytes : 0 };
	}
}
