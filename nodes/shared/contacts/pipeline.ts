import type { IDataObject } from 'n8n-workflow';

import { MappedRow, type RowMapper, type RowMapping } from './mapping';
import { normalizeToE164 } from './phone';
import type { ContactProfile, ContactRecord, MappedContact, NormalizeContext, SourceRow } from './types';

export interface PrepareOptions {
	profile: ContactProfile;
	/** ISO country for numbers written without a country code. */
	defaultCountry?: string;
	/** Normalized (E.164) numbers that must not be sent. */
	doNotCall?: ReadonlySet<string>;
	/** Contacts per request; capped at the profile's limit. */
	batchSize?: number;
	/** `seq` of the first record, so several groups can share one numbering. */
	firstSeq?: number;
	/** The parameters that address the upload, passed to the profile's phone rule. */
	target?: IDataObject;
}

export interface PreparedContacts {
	/** Every input row, in input order, each with a final status or none (= to be sent). */
	records: ContactRecord[];
	/** The records to send, cut to the batch size, in input order. */
	batches: ContactRecord[][];
}

/** The phones of a contact that has none that could be read: one shared, frozen array. */
const NO_PHONES: string[] = Object.freeze([]) as unknown as string[];

/**
 * One contact in the pipeline. A million of these may be alive at once, so a contact is one object:
 * the record is its own mapped contact (it extends MappedRow), and every value is derived once and
 * kept. A contact with one phone (nearly all) keeps it as `phone` alone: a one-element `phones`
 * array kept per contact cost more (in memory and in garbage collection) than building one for the
 * few readers of `phones` (the Do-Not-Call check, providers that send several phones).
 * `phones` is shared with readers, who copy it before changing it (as contactResult does).
 */
class PipelineRecord extends MappedRow implements ContactRecord {
	status: ContactRecord['status'] = undefined;

	reason: string | undefined = undefined;

	batch: number | undefined = undefined;

	duplicateOf: ContactRecord | undefined = undefined;

	providerResponse: ContactRecord['providerResponse'] = undefined;

	phone: string | undefined = undefined;

	/** Only for a contact with several valid phones. */
	severalPhones: string[] | undefined = undefined;

	constructor(
		readonly seq: number,
		mapping: RowMapping,
	) {
		super(mapping);
	}

	/** The record is its own mapped contact. */
	get contact(): MappedContact {
		return this;
	}

	get itemIndex(): number {
		return this.source.itemIndex;
	}

	get row(): number | null {
		return this.source.row;
	}

	get phones(): string[] {
		if (this.severalPhones) return this.severalPhones;
		return this.phone === undefined ? NO_PHONES : [this.phone];
	}
}

/** The effective batch size: the requested one, within 1 … the provider's limit. */
export function effectiveBatchSize(profile: ContactProfile, requested?: number): number {
	if (!requested || !Number.isFinite(requested) || requested < 1) return profile.maxBatchSize;
	return Math.min(Math.floor(requested), profile.maxBatchSize);
}

/** Gives every record the 1-based number of the batch it is in. */
export function numberBatches(batches: ContactRecord[][]): void {
	batches.forEach((batch, index) => {
		for (const record of batch) record.batch = index + 1;
	});
}

/** Follows a chain of replaced duplicates to the contact that was finally kept. */
export function keptContact(record: ContactRecord): ContactRecord {
	let kept = record.duplicateOf ?? record;
	while (kept.duplicateOf) kept = kept.duplicateOf;
	return kept;
}

/**
 * Where a contact came from, for reasons and errors: "item 3", or the file's row: "row 12" (the
 * file of item 0, the usual single file), "row 12 of the file in item 1".
 */
export function describeOrigin(record: Pick<ContactRecord, 'itemIndex' | 'row'>): string {
	if (record.row === null) return `item ${record.itemIndex}`;
	return record.itemIndex === 0 ? `row ${record.row}` : `row ${record.row} of the file in item ${record.itemIndex}`;
}

/**
 * The shared pipeline up to sending: map → normalize → suppress → dedupe → chunk.
 * Every row ends as one record; records without a status are the ones to send.
 */
export function prepareContacts(
	rows: Iterable<SourceRow>,
	mapRow: RowMapper,
	options: PrepareOptions,
): PreparedContacts {
	const { profile, doNotCall } = options;
	const context: NormalizeContext = { defaultCountry: options.defaultCountry, target: options.target };
	const normalize =
		profile.normalizePhone ?? ((raw: string, given: NormalizeContext) => normalizeToE164(raw, given.defaultCountry));
	const records: ContactRecord[] = [];
	const keptByKey = new Map<string, ContactRecord>();
	let seq = options.firstSeq ?? 0;

	for (const row of rows) {
		const record = new PipelineRecord(seq++, mapRow.read(row));
		records.push(record);

		if (record.problem !== undefined) {
			record.status = 'invalid';
			record.reason = record.problem;
			continue;
		}
		const rawPhones = record.rawPhones;
		if (rawPhones.length === 0) {
			record.status = 'invalid';
			record.reason = 'no phone number';
			continue;
		}
		let invalidReason: string | undefined;
		if (rawPhones.length === 1) {
			const check = normalize(rawPhones[0], context);
			if (check.ok) record.phone = check.phone;
			else invalidReason = check.reason;
		} else {
			const phones: string[] = [];
			for (const raw of rawPhones) {
				const check = normalize(raw, context);
				if (!check.ok) {
					invalidReason = check.reason;
					break;
				}
				phones.push(check.phone);
			}
			if (invalidReason === undefined) {
				record.phone = phones[0];
				record.severalPhones = phones;
			}
		}
		invalidReason ??= profile.validate?.(record);
		if (invalidReason !== undefined) {
			record.status = 'invalid';
			record.reason = invalidReason;
			continue;
		}

		if (doNotCall && doNotCall.size > 0) {
			const blocked = record.phones.find((phone) => doNotCall.has(phone));
			if (blocked !== undefined) {
				record.status = 'suppressed';
				record.reason = `${blocked} is on the Do-Not-Call list given to the node`;
				continue;
			}
		}

		const key = profile.dedupeKey ? profile.dedupeKey(record) : (record.phone as string);
		const kept = keptByKey.get(key);
		if (kept === undefined) {
			keptByKey.set(key, record);
		} else if (profile.preferDuplicate?.(record, kept)) {
			kept.status = 'duplicate';
			kept.duplicateOf = record;
			keptByKey.set(key, record);
		} else {
			record.status = 'duplicate';
			record.duplicateOf = kept;
		}
	}

	// Reasons are written once the kept contact of every key is final.
	const rule = profile.preferDuplicate ? ` (${profile.provider}'s rule)` : '';
	for (const record of records) {
		if (record.status !== 'duplicate') continue;
		const kept = keptContact(record);
		record.duplicateOf = kept;
		const label = profile.dedupeKeyLabel ? profile.dedupeKeyLabel(record) : `phone number ${record.phone}`;
		record.reason = `same ${label} as ${describeOrigin(kept)}, which was kept${rule}`;
	}

	return { records, batches: batchesOf(records, effectiveBatchSize(profile, options.batchSize)) };
}

/**
 * The records still to send (those without a status yet), in input order, cut to `size` and
 * numbered. Cut again after a step that settles more of them (the provider's Do-Not-Call list,
 * contacts sent in earlier runs), so every batch but the last is full.
 */
export function batchesOf(records: ContactRecord[], size: number): ContactRecord[][] {
	const batches: ContactRecord[][] = [];
	let current: ContactRecord[] = [];
	for (const record of records) {
		if (record.status !== undefined) continue;
		current.push(record);
		if (current.length === size) {
			batches.push(current);
			current = [];
		}
	}
	if (current.length > 0) batches.push(current);
	numberBatches(batches);
	return batches;
}
