import type { IDataObject } from 'n8n-workflow';

import { phoneText } from './phone';
import type { ContactProfile, MappedContact, SourceRow } from './types';

/** Column names recognised as the phone column, in order of preference. */
export const PHONE_ALIASES = ['phone', 'phone_number', 'phoneNumber', 'number', 'mobile', 'cell', 'tel'];

/** Case- and punctuation-insensitive form of a column name: `Phone Number` → `phonenumber`. */
export function columnKey(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** How one field is read from a row. */
export type FieldSource =
	| { kind: 'auto' }
	| { kind: 'column'; name: string }
	/** A per-item value the user wrote as an expression; resolved by the caller. */
	| { kind: 'value'; read: (itemIndex: number) => unknown };

export interface MappingOptions {
	/** Source of the phone and of each `ContactFieldSpec.key`; absent keys are auto-detected. */
	sources: Record<string, FieldSource>;
	/** Only these other fields become variables; undefined means every unmapped field. */
	variableFields?: string[];
}

interface ShapePlan {
	phoneColumn?: string;
	/** Every phone column, in column order, when the profile reads several (first = `phoneColumn`). */
	phoneColumns?: string[];
	columns: Record<string, string | string[] | undefined>;
	variableColumns: string[];
}

function findColumn(keys: string[], aliases: string[]): string | undefined {
	const byKey = new Map<string, string>();
	for (const key of keys) {
		const normalized = columnKey(key);
		if (!byKey.has(normalized)) byKey.set(normalized, key);
	}
	for (const alias of aliases) {
		const match = byKey.get(columnKey(alias));
		if (match !== undefined) return match;
	}
	return undefined;
}

function planShape(keys: string[], profile: ContactProfile, options: MappingOptions): ShapePlan {
	const used = new Set<string>();
	const pick = (key: string, aliases: string[]): string | undefined => {
		const source = options.sources[key];
		if (source?.kind === 'column') return source.name;
		if (source?.kind === 'value') return undefined;
		return findColumn(keys, aliases);
	};
	let phoneColumns: string[] | undefined;
	if (options.sources.phone === undefined && profile.multiplePhones && profile.phoneColumns) {
		const found = keys.filter((key) => profile.phoneColumns!(key));
		if (found.length > 0) phoneColumns = found;
	}
	const phoneColumn = phoneColumns?.[0] ?? pick('phone', PHONE_ALIASES);
	if (phoneColumn !== undefined) used.add(phoneColumn);
	for (const column of phoneColumns ?? []) used.add(column);
	const columns: ShapePlan['columns'] = {};
	for (const field of profile.fields) {
		let column: string | string[] | undefined = pick(field.key, field.aliases);
		if (column === undefined && field.combine && options.sources[field.key]?.kind !== 'value') {
			const parts = field.combine
				.map((group) => findColumn(keys, group))
				.filter((part): part is string => part !== undefined);
			if (parts.length > 0) column = parts;
		}
		columns[field.key] = column;
		if (typeof column === 'string') used.add(column);
	}
	const allowed = options.variableFields ? new Set(options.variableFields) : undefined;
	const variableColumns = keys.filter((key) => !used.has(key) && (!allowed || allowed.has(key)));
	return { phoneColumn, phoneColumns: phoneColumns && phoneColumns.length > 1 ? phoneColumns : undefined, columns, variableColumns };
}

function fieldText(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	return JSON.stringify(value);
}

function splitPhones(value: unknown, multiple: boolean): string[] {
	if (Array.isArray(value)) {
		const all = value.map(phoneText).filter((text) => text !== '');
		return multiple ? all : all.slice(0, 1);
	}
	const text = phoneText(value);
	if (!multiple || !/[,;]/.test(text)) return text === '' ? [] : [text];
	return text
		.split(/[,;]/)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

const NO_PHONES: string[] = Object.freeze([]) as unknown as string[];

/**
 * A mapped row, kept compact because an upload may hold a million of them: the variables are
 * read from the source row when asked for (not copied, they are read once, to send). The phones
 * and the structured fields are derived once: the pipeline, the provider's rules and the result
 * each read them.
 */
class MappedRow implements MappedContact {
	private derivedFields: Record<string, string> | undefined;

	constructor(
		readonly rawPhones: string[],
		/** Fields resolved when the row was mapped (per-item expressions); otherwise read from the plan. */
		resolvedFields: Record<string, string> | undefined,
		private readonly source: IDataObject,
		private readonly plan: ShapePlan,
		private readonly profileFields: ContactProfile['fields'],
	) {
		this.derivedFields = resolvedFields;
	}

	get fields(): Record<string, string> {
		this.derivedFields ??= columnFields(this.profileFields, this.plan, this.source);
		return this.derivedFields;
	}

	get variables(): IDataObject {
		const variables: IDataObject = {};
		for (const column of this.plan.variableColumns) variables[column] = this.source[column];
		return variables;
	}

	toJSON(): MappedContact {
		return { rawPhones: this.rawPhones, fields: this.fields, variables: this.variables };
	}
}

/** The structured fields of a row, read from the columns its plan names. */
function columnFields(profileFields: ContactProfile['fields'], plan: ShapePlan, data: IDataObject): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const field of profileFields) {
		const column = plan.columns[field.key];
		let text: string | undefined;
		if (typeof column === 'string') text = fieldText(data[column]);
		else if (column) {
			text = column
				.map((part) => fieldText(data[part]))
				.filter((part) => part !== undefined)
				.join(' ');
		}
		if (text) fields[field.key] = text;
	}
	return fields;
}

function sameKeys(fields: IDataObject, keys: string[]): boolean {
	let index = 0;
	for (const key in fields) {
		if (keys[index++] !== key) return false;
	}
	return index === keys.length;
}

/**
 * Builds a function that maps rows to contacts. Columns are detected once per distinct set of keys
 * (not once per row), so mapping 100,000 items of the same shape costs one detection.
 */
export function createRowMapper(
	profile: ContactProfile,
	options: MappingOptions,
): (row: SourceRow) => MappedContact {
	const plans = new Map<string, ShapePlan & { keys: string[] }>();
	let lastPlan: (ShapePlan & { keys: string[] }) | undefined;
	const phoneSource = options.sources.phone;
	const valueFields = profile.fields.filter((field) => options.sources[field.key]?.kind === 'value');
	const multiple = profile.multiplePhones === true;

	const planFor = (fields: IDataObject) => {
		// Consecutive rows nearly always share their keys: check that without allocating.
		if (lastPlan && sameKeys(fields, lastPlan.keys)) return lastPlan;
		const keys = Object.keys(fields);
		const shape = keys.join('\u0000');
		let plan = plans.get(shape);
		if (!plan) {
			plan = { ...planShape(keys, profile, options), keys };
			plans.set(shape, plan);
		}
		lastPlan = plan;
		return plan;
	};

	return (row: SourceRow): MappedContact => {
		const { fields: data } = row;
		const plan = planFor(data);
		const phoneValue =
			phoneSource?.kind === 'value'
				? phoneSource.read(row.itemIndex)
				: plan.phoneColumn !== undefined
					? data[plan.phoneColumn]
					: undefined;
		// Without per-item expressions the fields are read from the row when asked for, so that a
		// million mapped contacts do not each keep an object of their own.
		let resolvedFields: Record<string, string> | undefined;
		if (valueFields.length > 0) {
			resolvedFields = columnFields(profile.fields, plan, data);
			for (const field of valueFields) {
				const source = options.sources[field.key] as Extract<FieldSource, { kind: 'value' }>;
				const text = fieldText(source.read(row.itemIndex));
				if (text) resolvedFields[field.key] = text;
			}
		}
		const phones = plan.phoneColumns
			? plan.phoneColumns.flatMap((column) => splitPhones(data[column], true))
			: splitPhones(phoneValue, multiple);
		return new MappedRow(phones.length === 0 ? NO_PHONES : phones, resolvedFields, data, plan, profile.fields);
	};
}

/** The columns that would be used for the phone and each field, for a given header list. */
export function describeDetectedColumns(
	headers: string[],
	profile: ContactProfile,
	options: MappingOptions,
): { phone?: string; fields: Record<string, string | string[] | undefined> } {
	const plan = planShape(headers, profile, options);
	return { phone: plan.phoneColumn, fields: plan.columns };
}
