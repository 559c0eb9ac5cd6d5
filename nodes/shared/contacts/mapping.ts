import type { IDataObject } from 'n8n-workflow';

import { phoneText } from './phone';
import { quote } from './reasons';
import type { ContactProfile, MappedContact, SourceRow } from './types';
import { phoneValueProblem, valueProblem } from './values';

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

/** How the rows of one set of keys are read: detected once per shape, shared by its rows. */
export interface ShapePlan {
	/** The profile's structured fields, read through `columns`. */
	profileFields: ContactProfile['fields'];
	phoneColumn?: string;
	/** Every phone column, in column order, when the profile reads several (first = `phoneColumn`). */
	phoneColumns?: string[];
	columns: Record<string, string | string[] | undefined>;
	variableColumns: string[];
	/** Every column the contact is built from, each checked once per row (see valueProblem). */
	checkedColumns: string[];
	/** A `__proto__` column: it cannot be carried as a variable without touching a prototype. */
	refusedColumn?: string;
}

/** Keys that name JavaScript's prototype machinery; `constructor` and `prototype` are carried as own keys. */
const REFUSED_KEY = '__proto__';

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
	const refused = variableColumns.indexOf(REFUSED_KEY);
	if (refused >= 0) variableColumns.splice(refused, 1);
	const checked = new Set<string>(variableColumns);
	for (const column of used) checked.add(column);
	for (const column of Object.values(columns)) if (Array.isArray(column)) for (const part of column) checked.add(part);
	return {
		profileFields: profile.fields,
		phoneColumn,
		phoneColumns: phoneColumns && phoneColumns.length > 1 ? phoneColumns : undefined,
		columns,
		variableColumns,
		checkedColumns: [...checked],
		refusedColumn: refused >= 0 ? REFUSED_KEY : undefined,
	};
}

function fieldText(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	try {
		return JSON.stringify(value);
	} catch {
		// A cyclic value: its contact is already refused (see valueProblem); its fields stay empty.
		return undefined;
	}
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

/** What the mapper read from one row: all its mapped contact keeps. */
export interface RowMapping {
	/** The phone as given, or the phones when there are several. */
	rawPhone: string | string[] | undefined;
	/** Fields resolved when the row was mapped (per-item expressions); otherwise read through the plan. */
	resolvedFields: Record<string, string> | undefined;
	source: SourceRow;
	plan: ShapePlan;
	problem: string | undefined;
}

/**
 * A mapped row, kept compact because an upload may hold a million of them: the variables are
 * read from the source row when asked for (not copied), and a single phone is not wrapped in an
 * array until asked for. The pipeline's record extends it, so that a contact is one object.
 */
export class MappedRow implements MappedContact {
	private readonly rawPhone: RowMapping['rawPhone'];

	private readonly resolvedFields: RowMapping['resolvedFields'];

	protected readonly source: SourceRow;

	private readonly plan: ShapePlan;

	readonly problem: string | undefined;

	constructor(mapping: RowMapping) {
		this.rawPhone = mapping.rawPhone;
		this.resolvedFields = mapping.resolvedFields;
		this.source = mapping.source;
		this.plan = mapping.plan;
		this.problem = mapping.problem;
	}

	get input(): IDataObject {
		return this.source.fields;
	}

	get decodedAs(): MappedContact['decodedAs'] {
		return this.source.decodedAs;
	}

	get rawPhones(): string[] {
		if (this.rawPhone === undefined) return [];
		return typeof this.rawPhone === 'string' ? [this.rawPhone] : this.rawPhone;
	}

	get fields(): Record<string, string> {
		return this.resolvedFields ?? columnFields(this.plan, this.input);
	}

	get variables(): IDataObject {
		const variables: IDataObject = {};
		for (const column of this.plan.variableColumns) variables[column] = this.input[column];
		return variables;
	}

	toJSON(): Omit<MappedContact, 'input'> {
		return { rawPhones: this.rawPhones, fields: this.fields, variables: this.variables, problem: this.problem };
	}
}

/** The structured fields of a row, read from the columns its plan names. */
function columnFields(plan: ShapePlan, data: IDataObject): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const field of plan.profileFields) {
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

/** Maps rows to contacts; made by createRowMapper. */
export interface RowMapper {
	(row: SourceRow): MappedContact;
	/** What the contact of `row` is built from, for a MappedRow that carries more (the pipeline's record). */
	read(row: SourceRow): RowMapping;
}

/**
 * Builds a function that maps rows to contacts. Columns are detected once per distinct set of keys
 * (not once per row), so mapping 100,000 items of the same shape costs one detection.
 */
export function createRowMapper(profile: ContactProfile, options: MappingOptions): RowMapper {
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

	const read = (row: SourceRow): RowMapping => {
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
			resolvedFields = columnFields(plan, data);
			for (const field of valueFields) {
				const source = options.sources[field.key] as Extract<FieldSource, { kind: 'value' }>;
				const text = fieldText(source.read(row.itemIndex));
				if (text) resolvedFields[field.key] = text;
			}
		}
		const phones = plan.phoneColumns
			? plan.phoneColumns.flatMap((column) => splitPhones(data[column], true))
			: splitPhones(phoneValue, multiple);
		const rawPhone = phones.length === 0 ? undefined : phones.length === 1 ? phones[0] : phones;
		const problem = row.problem ?? rowProblem(data, plan, phoneSource?.kind === 'value' ? phoneValue : undefined);
		return { rawPhone, resolvedFields, source: row, plan, problem };
	};
	return Object.assign((row: SourceRow): MappedContact => new MappedRow(read(row)), { read });
}

/** Why a row cannot be sent whatever the provider's rules; one pass over the columns it uses. */
function rowProblem(data: IDataObject, plan: ShapePlan, phoneExpressionValue: unknown): string | undefined {
	if (phoneExpressionValue !== undefined) {
		const problem = phoneValueProblem(phoneExpressionValue, '(the Phone Field expression)');
		if (problem) return problem;
	}
	for (const column of plan.phoneColumns ?? []) {
		const problem = phoneValueProblem(data[column], quote(column));
		if (problem) return problem;
	}
	if (!plan.phoneColumns && plan.phoneColumn !== undefined) {
		const problem = phoneValueProblem(data[plan.phoneColumn], quote(plan.phoneColumn));
		if (problem) return problem;
	}
	for (const column of plan.checkedColumns) {
		const problem = valueProblem(data[column]);
		if (problem) return `field ${quote(column)} ${problem}`;
	}
	if (plan.refusedColumn !== undefined && fieldText(data[plan.refusedColumn]) !== undefined) {
		return `field "${plan.refusedColumn}" cannot be sent: the name is reserved in JavaScript; rename the field or column, or leave it out with Options → Variable Fields`;
	}
	return undefined;
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
