/*
 * How the bytes of a contact file become text: what the file is (a CSV, or a workbook, PDF or
 * image someone picked by mistake) and which character encoding it was written in. Decoding uses
 * the TextDecoder built into Node, so no library travels with the package.
 */

/** The CSV Encoding option's values. */
export type CsvEncoding = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';

export type TextEncodingName = Exclude<CsvEncoding, 'auto'>;

/** Encoding names as users see them in Excel and in the option list. */
export const ENCODING_LABELS: Record<TextEncodingName, string> = {
	'utf-8': 'UTF-8',
	'utf-16le': 'UTF-16LE',
	'utf-16be': 'UTF-16BE',
	'windows-1252': 'Windows-1252',
	'iso-8859-1': 'ISO-8859-1',
};

export const ENCODING_OPTION = 'Options → CSV Encoding';

export interface DecodedText {
	text: string;
	encoding: TextEncodingName;
	/** Set when Auto chose the encoding without a byte-order mark: why, for the summary and the contacts. */
	guess?: string;
}

/** Why the bytes could not be read as text; `index` is where in `partial` (decoded with replacements) it went wrong. */
export interface DecodeFailure {
	message: string;
	hint: string;
	partial?: string;
	index?: number;
}

export type DecodeResult = ({ ok: true } & DecodedText) | ({ ok: false } & DecodeFailure);

const SIGNATURES: Array<{ bytes: number[]; offset?: number; what: string }> = [
	{ bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another ZIP archive' },
	{ bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty ZIP archive' },
	{ bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an Excel 97–2003 workbook (.xls) or another Office document' },
	{ bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document' },
	{ bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
	{ bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
	{ bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
	{ bytes: [0x57, 0x45, 0x42, 0x50], offset: 8, what: 'a WebP image' },
	{ bytes: [0x1f, 0x8b], what: 'a gzip archive' },
	{ bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
	{ bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
];

/** What a file is when its first bytes show it is not text, e.g. "a PDF document"; undefined for text. */
export function nonTextKind(bytes: Uint8Array): string | undefined {
	for (const { bytes: signature, offset = 0, what } of SIGNATURES) {
		if (bytes.length < offset + signature.length) continue;
		if (signature.every((byte, i) => bytes[offset + i] === byte)) return what;
	}
	return undefined;
}

/** The byte-order mark a file starts with, if any. */
function bomEncoding(bytes: Uint8Array): TextEncodingName | undefined {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
	return undefined;
}

/**
 * UTF-16 written without a byte-order mark: mostly-ASCII text then has a NUL in every other byte.
 * Only the first kilobyte is looked at.
 */
function bomlessUtf16(bytes: Uint8Array): TextEncodingName | undefined {
	const length = Math.min(bytes.length, 1024) & ~1;
	if (length < 4) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < length; i += 2) {
		if (bytes[i] === 0) evenZeros++;
		if (bytes[i + 1] === 0) oddZeros++;
	}
	const pairs = length / 2;
	if (oddZeros > pairs * 0.4 && evenZeros === 0) return 'utf-16le';
	if (evenZeros > pairs * 0.4 && oddZeros === 0) return 'utf-16be';
	return undefined;
}

/** Decoder label: WHATWG reads ISO-8859-1 as its superset Windows-1252, as browsers and Excel do. */
function decoder(encoding: TextEncodingName, fatal: boolean): InstanceType<typeof TextDecoder> {
	return new TextDecoder(encoding === 'iso-8859-1' ? 'windows-1252' : encoding, { fatal });
}

/**
 * Windows-1252's characters for the bytes 0x80–0x9F; the five it leaves undefined stay C1 controls.
 * Node 20's TextDecoder decodes 'windows-1252' as ISO-8859-1 there (€ would become U+0080), so
 * those bytes are mapped here.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1 = /[\x80-\x9F]/g;

function decodeWindows1252(bytes: Uint8Array): string {
	const text = decoder('windows-1252', false).decode(bytes);
	return text.replace(C1, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]);
}

/** The five bytes Windows-1252 leaves undefined, decoded as C1 controls. */
const UNDEFINED_IN_WINDOWS_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Where the first character is that does not occur in a real Windows-1252 text file (C0 controls
 * other than tab and line breaks, DEL, the five undefined bytes), or -1.
 */
function firstNonWindows1252Text(text: string): number {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
		if (code < 0x20 || code === 0x7f || UNDEFINED_IN_WINDOWS_1252.has(code)) return i;
	}
	return -1;
}

/** Where a strict decode fails: the text decoded with replacement characters and the first one. */
function firstReplacement(bytes: Uint8Array, encoding: TextEncodingName): { partial: string; index: number } {
	const partial = decoder(encoding, false).decode(bytes);
	return { partial, index: Math.max(0, partial.indexOf('\uFFFD')) };
}

/** Whether the bytes hold at least one well-formed UTF-8 sequence of two or more bytes. */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length - 1; i++) {
		const lead = bytes[i];
		if (lead < 0xc2 || lead > 0xf4) continue;
		const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
		let ok = i + length <= bytes.length;
		for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
		if (ok) return true;
	}
	return false;
}

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName): string | undefined {
	if (encoding === 'windows-1252' || encoding === 'iso-8859-1') return decodeWindows1252(bytes);
	try {
		return decoder(encoding, true).decode(bytes);
	} catch {
		return undefined;
	}
}

function setOption(encoding?: string): string {
	return `Set ${ENCODING_OPTION} to the encoding the file was saved in${encoding ? ` (${encoding}?)` : ''}, or save it again as "CSV UTF-8".`;
}

/**
 * The bytes of a file that is plain ASCII text (no NUL, no byte above 0x7F), after a UTF-8
 * byte-order mark; undefined for any other file. Auto and UTF-8 read such a file as exactly this
 * ASCII text (decodeText gives the same text, encoding UTF-8, no guess), so the CSV parser can
 * read the bytes as they are: no decoded copy of a file of a million contacts is held beside them.
 */
export function plainAsciiBody(bytes: Uint8Array, requested: CsvEncoding = 'auto'): Uint8Array | undefined {
	if (requested !== 'auto' && requested !== 'utf-8') return undefined;
	const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	for (let i = start; i < bytes.length; i++) {
		const byte = bytes[i];
		if (byte === 0 || byte > 0x7f) return undefined;
	}
	return bytes.subarray(start);
}

/**
 * Decodes a contact file. With `auto`: a byte-order mark decides (UTF-8, UTF-16LE/BE); else
 * UTF-16 is recognised by its NUL bytes; else valid UTF-8 is UTF-8 (the common, fast case); else
 * a file that reads cleanly as Windows-1252 is read so and the guess is reported. Nothing is ever
 * decoded to a replacement character: what cannot be read is a failure naming where.
 */
export function decodeText(bytes: Uint8Array, requested: CsvEncoding = 'auto'): DecodeResult {
	if (requested !== 'auto') {
		const text = strictDecode(bytes, requested);
		const label = ENCODING_LABELS[requested];
		if (text === undefined) {
			return { ok: false, message: `the file is not valid ${label}`, hint: setOption(), ...firstReplacement(bytes, requested) };
		}
		const nul = requested.startsWith('utf-16') ? -1 : text.indexOf('\u0000');
		if (nul >= 0) {
			return { ok: false, message: `the file has NUL characters, so it is not ${label}`, hint: setOption('UTF-16LE'), partial: text, index: nul };
		}
		return { ok: true, text, encoding: requested };
	}

	const bom = bomEncoding(bytes);
	if (bom) {
		const text = strictDecode(bytes, bom);
		if (text !== undefined) return { ok: true, text, encoding: bom };
		const label = ENCODING_LABELS[bom];
		return { ok: false, message: `the file starts with a ${label} byte-order mark but is not valid ${label}`, hint: setOption(), ...firstReplacement(bytes, bom) };
	}

	const utf16 = bomlessUtf16(bytes);
	if (utf16) {
		const text = strictDecode(bytes, utf16);
		const label = ENCODING_LABELS[utf16];
		if (text !== undefined) return { ok: true, text, encoding: utf16, guess: `the file has no byte-order mark; its NUL bytes show it is ${label}` };
		return { ok: false, message: `the file looks like ${label} (NUL bytes) but is not valid ${label}`, hint: setOption(), ...firstReplacement(bytes, utf16) };
	}

	const utf8 = strictDecode(bytes, 'utf-8');
	if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'utf-8' };

	const { partial, index } = firstReplacement(bytes, 'utf-8');
	if (hasUtf8Sequence(bytes)) {
		return {
			ok: false,
			message: 'the file mixes UTF-8 with another encoding: some characters are UTF-8, others are not',
			hint: `Save the file again in one encoding ("CSV UTF-8"), or set ${ENCODING_OPTION} to the encoding of its other characters.`,
			partial,
			index,
		};
	}
	const windows1252 = decodeWindows1252(bytes);
	const bad = firstNonWindows1252Text(windows1252);
	if (bad < 0) {
		return {
			ok: true,
			text: windows1252,
			encoding: 'windows-1252',
			guess: `the file is not valid UTF-8 and reads cleanly as Windows-1252 (what Excel saves as "CSV" on many Windows computers); set ${ENCODING_OPTION} if that is wrong`,
		};
	}
	return { ok: false, message: 'the file is neither UTF-8 nor Windows-1252 text', hint: setOption(), partial, index };
}
