import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { isExpression, plainJsonField, rawParameter } from '../parameters';
import { readCsv } from './csv';
import { nonTextKind, type CsvEncoding } from './decoding';
import { PHONE_ALIASES, describeDetectedColumns, type FieldSource, type MappingOptions } from './mapping';
import type { PreparedContacts } from './pipeline';
import type { ContactProfile, SourceRow } from './types';

/*
 * Where an upload's contacts come from: the Field Mapping collection, and the rows of input items
 * or of a CSV file in a binary property.
 */

/** Field sources from the Field Mapping collection: a name, a plain `$json` reference, or an expression. */
export function fieldSources(context: IExecuteFunctions, profile: ContactProfile, source: 'items' | 'csv'): Record<string, FieldSource> {
	const sources: Record<string, FieldSource> = {};
	for (const key of ['phone', ...profile.fields.map((field) => field.key)]) {
		const parameter = `fieldMapping.${key}Field`;
		const raw = rawParameter(context, parameter);
		if (raw === undefined || raw === '') continue;
		if (!isExpression(raw)) {
			sources[key] = { kind: 'column', name: String(raw).trim() };
			continue;
		}
		const field = plainJsonField(raw);
		if (field !== undefined) {
			sources[key] = { kind: 'column', name: field };
		} else if (source === 'csv') {
			// For a CSV the mapping names a column; an expression is resolved once, to that name.
			sources[key] = { kind: 'column', name: String(context.getNodeParameter(parameter, 0, '')).trim() };
		} else {
			sources[key] = { kind: 'value', read: (itemIndex) => context.getNodeParameter(parameter, itemIndex, '') };
		}
	}
	return sources;
}

function mappingHint(): string {
	return `Looked for a phone field named ${PHONE_ALIASES.join(', ')} (any case). Set Field Mapping → Phone Field to the right name.`;
}

export async function readCsvItem(
	context: IExecuteFunctions,
	itemIndex: number,
	profile: ContactProfile,
	mapping: MappingOptions,
	delimiter: string | undefined,
): Promise<SourceRow[]> {
	const property = context.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
	const item = context.getInputData()[itemIndex];
	if (!item.binary?.[property]) {
		const available = Object.keys(item.binary ?? {});
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex} has no binary property "${property}"`, {
			itemIndex,
			description: available.length
				? `Its binary properties are: ${available.join(', ')}. Set Input Binary Field to one of them.`
				: 'It has no binary data at all. Read the CSV file with a node such as Read/Write Files from Disk or HTTP Request first.',
		});
	}
	const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const kind = nonTextKind(buffer);
	if (kind) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the file in "${property}" is ${kind}, not a CSV file`, {
			itemIndex,
			description:
				'For a spreadsheet, read it with n8n\'s Extract From File node (e.g. Extract From XLSX) and set Contact Source to Input Items; or save the sheet as "CSV UTF-8" and upload that.',
		});
	}
	const encoding = context.getNodeParameter('options.csvEncoding', itemIndex, 'auto') as CsvEncoding;
	const result = readCsv(buffer, { delimiter, encoding, itemIndex });
	if (!result.ok) {
		const where = result.row !== undefined ? ` (row ${result.row}; the header is row 0)` : '';
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the CSV file in "${property}" could not be read${where}: ${result.message}`, {
			itemIndex,
			description: result.hint,
		});
	}
	const { headers, records } = result.table;
	const detected = describeDetectedColumns(headers, profile, mapping);
	const phoneSource = mapping.sources.phone;
	if (detected.phone === undefined || (phoneSource?.kind === 'column' && !headers.includes(phoneSource.name))) {
		const wanted = phoneSource?.kind === 'column' ? `No column "${phoneSource.name}"` : 'No phone column';
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${wanted} in the CSV file in "${property}"`, {
			itemIndex,
			description: `Its columns are: ${headers.join(', ')}. ${mappingHint()}`,
		});
	}
	if (records.length === 0) {
		throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: the CSV file in "${property}" has a header but no contacts`, {
			itemIndex,
		});
	}
	return records;
}

/** Items given as contacts: if none of them has a phone, the mapping is wrong, not the data. */
export function assertSomePhone(context: IExecuteFunctions, prepared: PreparedContacts, itemIndex: number): void {
	// A phone field that holds no phone (true, an object…) is the contact's problem, reported on it.
	if (prepared.records.some((record) => record.contact.rawPhones.length > 0 || record.contact.problem !== undefined)) return;
	const first = prepared.records[0];
	const fields = first ? Object.keys(context.getInputData()[first.itemIndex].json) : [];
	throw new NodeOperationError(context.getNode(), `No phone number in any input item (item ${first?.itemIndex ?? itemIndex} has fields: ${fields.join(', ') || 'none'})`, {
		itemIndex: first?.itemIndex ?? itemIndex,
		description: mappingHint(),
	});
}
