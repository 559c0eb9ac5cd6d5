/** Checks and encoding of a contacts file (CSV or Excel) for Campaign → Upload File. */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

export type FileKind = 'csv' | 'xlsx' | 'xls';

const MIME_KINDS: Record<string, FileKind> = {
	'text/csv': 'csv',
	'application/csv': 'csv',
	'text/comma-separated-values': 'csv',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.ms-excel': 'xls',
};

export const KIND_MIME: Record<FileKind, string> = {
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	xls: 'application/vnd.ms-excel',
};

/** CSV or Excel, from the file name's extension, else from the MIME type. */
export function fileKind(binary: Pick<IBinaryData, 'fileName' | 'fileExtension' | 'mimeType'>): FileKind | undefined {
	const extension = (binary.fileExtension ?? /\.([A-Za-z0-9]+)$/.exec(binary.fileName ?? '')?.[1] ?? '').toLowerCase();
	if (extension === 'csv' || extension === 'xlsx' || extension === 'xls') return extension;
	return MIME_KINDS[(binary.mimeType ?? '').split(';')[0].trim().toLowerCase()];
}

/** Bytes of a binary property without reading it: from base64 length when held in memory. */
export function base64Bytes(data: string): number {
	const length = data.length;
	if (length === 0) return 0;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((length * 3) / 4) - padding;
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a payload of this size cannot be sent, or undefined when it fits the limit. */
export function payloadTooLarge(bytes: number, limit: number): string | undefined {
	if (bytes <= limit) return undefined;
	return `the upload would be ${megabytes(bytes)}, over VoiceGenie's ${megabytes(limit).replace('.0', '')} limit per request`;
}

/** The columns of a CSV's header line (first non-empty line), unquoted and trimmed. */
export function csvHeader(head: string): string[] {
	const line = head.replace(/^\uFEFF/, '').split(/\r?\n/).find((candidate) => candidate.trim() !== '') ?? '';
	const delimiter = [',', ';', '\t', '|'].reduce((best, candidate) =>
		line.split(candidate).length > line.split(best).length ? candidate : best,
	);
	return line.split(delimiter).map((column) => column.trim().replace(/^"(.*)"$/, '$1').trim());
}

/** Extra bytes a multipart body adds around the file: the text fields, headers and boundaries. */
export function multipartOverhead(fields: IDataObject, fileName: string): number {
	let bytes = 200 + Buffer.byteLength(fileName, 'utf8');
	for (const [name, value] of Object.entries(fields)) bytes += 120 + name.length + Buffer.byteLength(String(value), 'utf8');
	return bytes;
}

/** A multipart/form-data body: the text fields, then the file under `file`. */
export function multipartBody(
	fields: IDataObject,
	file: { name: string; contentType: string; data: Buffer },
	boundary: string,
): Buffer {
	const escape = (text: string) => text.replace(/["\r\n\\]/g, (char) => (char === '"' ? '%22' : char === '\\' ? '\\\\' : ' '));
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escape(name)}"\r\n\r\n${String(value)}\r\n`, 'utf8'));
	}
	parts.push(
		Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${escape(file.name)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
			'utf8',
		),
	);
	parts.push(file.data);
	parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(parts);
}
