import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { itemParameterReader } from '../parameters';
import { createRowMapper, type MappingOptions } from './mapping';
import { normalizeToE164 } from './phone';
import { numberBatches, prepareContacts, type PreparedContacts } from './pipeline';
import { contactResult, summaryResult, type BatchReport } from './results';
import { assertSomePhone, fieldSources, readCsvItem } from './sources';
import type { ContactProfile, ContactRecord, ContactStatus, SourceRow } from './types';

/** The provider's answer to one batch. */
export interface BatchSent {
	/** What the provider answered, shown on every contact of the batch. */
	providerResponse: IDataObject;
	/** Contacts whose outcome is not plain `sent` (e.g. skipped by the provider's DND list). */
	outcomes?: Map<ContactRecord, { status: ContactStatus; reason: string }>;
}

/** The provider refused the whole batch because of these contacts and stored nothing. */
export interface BatchRejected {
	rejected: Array<{ record: ContactRecord; reason: string }>;
}

export interface UploadTarget {
	/** The parameters that address the upload (campaign, agent…), as resolved for its items. */
	parameters: IDataObject;
	/** The first input item of the target, for errors. */
	itemIndex: number;
}

export interface UploadDefinition {
	profile: ContactProfile;
	/** Parameters that address an upload; items whose values are equal share batches. */
	targetParameters: string[];
	/** The fixed country for local numbers when the provider fixes one (no Default Country option). */
	fixedCountry?: string;
	/** Checks an upload's target parameters before anything is sent; throws a NodeOperationError. */
	validateTarget?: (this: IExecuteFunctions, target: UploadTarget) => void;
	/**
	 * The Default Country option's default: an option the user has not added to the Options
	 * collection is absent from it, so without this its displayed default would not apply.
	 */
	defaultCountry?: string;
	/** Numbers the provider itself blocks, fetched before sending (optional). */
	providerDoNotCall?: (this: IExecuteFunctions, target: UploadTarget) => Promise<Set<string> | undefined>;
	/** Sends one batch. Throws a NodeApiError when the batch could not be delivered. */
	sendBatch: (
		this: IExecuteFunctions,
		target: UploadTarget,
		batch: ContactRecord[],
		position: { batch: number; batches: number },
	) => Promise<BatchSent | BatchRejected>;
}

/** How many times one batch may be re-sent without contacts the provider named as invalid. */
const MAX_REJECTION_ROUNDS = 10;

interface UploadOptions {
	batchSize?: number;
	csvDelimiter?: string;
	defaultCountry?: string;
	doNotCallNumbers?: string;
	dryRun?: boolean;
	includeInputFields?: boolean;
	maxRetries?: number;
	output?: 'perContact' | 'summary';
	variableFields?: string;
	/** Provider-specific options. */
	[option: string]: unknown;
}

export function uploadOptions(context: IExecuteFunctions): UploadOptions {
	return context.getNodeParameter('options', 0, {}) as UploadOptions;
}

function parseDoNotCall(context: IExecuteFunctions, text: string | undefined, country?: string): Set<string> {
	const numbers = new Set<string>();
	for (const entry of (text ?? '').split(/[\n,;]+/)) {
		if (entry.trim() === '') continue;
		const check = normalizeToE164(entry, country);
		if (!check.ok) {
			// A Do-Not-Call entry that cannot be read must not be dropped silently: someone could be called.
			throw new NodeOperationError(context.getNode(), `Do-Not-Call Numbers: ${check.reason}`, {
				description: 'Fix or remove the entry; every Do-Not-Call number must be readable so it can be honoured.',
			});
		}
		numbers.add(check.phone);
	}
	return numbers;
}

/**
 * The whole contact upload, shared by every provider: read rows (items or CSV) → map → normalize →
 * suppress → dedupe → chunk → send (with the provider's send function) → one result per contact.
 */
export async function executeContactUpload(
	this: IExecuteFunctions,
	definition: UploadDefinition,
): Promise<INodeExecutionData[]> {
	const { profile } = definition;
	const items = this.getInputData();
	const source = this.getNodeParameter('contactSource', 0, 'items') as 'items' | 'csv';
	const options = uploadOptions(this);
	const country = definition.fixedCountry ?? options.defaultCountry ?? definition.defaultCountry;
	const continueOnFail = this.continueOnFail();
	const mapping: MappingOptions = {
		sources: fieldSources(this, profile, source),
		variableFields: options.variableFields
			? options.variableFields.split(',').map((name) => name.trim()).filter((name) => name !== '')
			: undefined,
	};
	const doNotCall = parseDoNotCall(this, options.doNotCallNumbers, country);

	const readers = definition.targetParameters.map((name) => [name, itemParameterReader<unknown>(this, name)] as const);
	const groups = new Map<string, { target: UploadTarget; rows: SourceRow[] }>();
	const errorItems: INodeExecutionData[] = [];
	const addRow = (itemIndex: number, row: SourceRow) => {
		const parameters: IDataObject = {};
		for (const [name, read] of readers) parameters[name] = read(itemIndex) as IDataObject[string];
		const key = JSON.stringify(parameters);
		let group = groups.get(key);
		if (!group) {
			group = { target: { parameters, itemIndex }, rows: [] };
			groups.set(key, group);
		}
		group.rows.push(row);
	};

	if (source === 'csv') {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				for (const row of await readCsvItem(this, itemIndex, profile, mapping, options.csvDelimiter)) addRow(itemIndex, row);
			} catch (error) {
				const failure = new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				if (!continueOnFail) throw failure;
				errorItems.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
			}
		}
	} else {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			addRow(itemIndex, { itemIndex, row: null, fields: items[itemIndex].json });
		}
	}

	for (const { target } of groups.values()) definition.validateTarget?.call(this, target);

	const allRecords: ContactRecord[] = [];
	const batchReports: BatchReport[] = [];
	let nextSeq = 0;
	for (const { target, rows } of groups.values()) {
		const mapRow = createRowMapper(profile, mapping);
		const prepared = prepareContacts(rows, mapRow, {
			profile,
			defaultCountry: country,
			doNotCall,
			batchSize: options.batchSize,
			firstSeq: nextSeq,
			target: target.parameters,
		});
		nextSeq += prepared.records.length;
		for (const record of prepared.records) allRecords.push(record);
		if (source === 'items') assertSomePhone(this, prepared, target.itemIndex);

		if (prepared.batches.length === 0) continue;

		// Read also in a dry run, so the preview suppresses what the real run would.
		const providerBlocked = await definition.providerDoNotCall?.call(this, target);
		if (providerBlocked && providerBlocked.size > 0) suppressProviderBlocked(prepared, providerBlocked, profile);

		if (options.dryRun) {
			prepared.batches.forEach((batch, index) => {
				for (const record of batch) {
					record.status = 'ready';
					record.reason = `dry run: would be sent in batch ${index + 1} of ${prepared.batches.length}`;
				}
				batchReports.push({ batch: batchReports.length + 1, contacts: batch.length, status: 'ready' });
			});
			continue;
		}
		await sendPreparedBatches(this, definition, target, prepared, batchReports, continueOnFail);
	}

	const ordered: ContactRecord[] = new Array(allRecords.length);
	for (const record of allRecords) ordered[record.seq] = record;

	if (options.output === 'summary') {
		return [
			...errorItems,
			{
				json: summaryResult(ordered, batchReports, options.dryRun === true, options),
				pairedItem: items.map((_, item) => ({ item })),
			},
		];
	}
	const output: INodeExecutionData[] = new Array(ordered.length);
	for (let i = 0; i < ordered.length; i++) {
		output[i] = { json: contactResult(ordered[i], options), pairedItem: { item: ordered[i].itemIndex } };
	}
	return errorItems.length > 0 ? [...errorItems, ...output] : output;
}

/** Contacts on the provider's own Do-Not-Call list are taken out of their batches before sending. */
function suppressProviderBlocked(prepared: PreparedContacts, blocked: Set<string>, profile: ContactProfile): void {
	for (let b = 0; b < prepared.batches.length; b++) {
		prepared.batches[b] = prepared.batches[b].filter((record) => {
			const phone = record.phones.find((candidate) => blocked.has(candidate));
			if (phone === undefined) return true;
			record.status = 'suppressed';
			record.reason = `${phone} is on ${profile.provider}'s Do-Not-Call list`;
			record.batch = undefined;
			return false;
		});
	}
	prepared.batches = prepared.batches.filter((batch) => batch.length > 0);
	numberBatches(prepared.batches);
}

async function sendPreparedBatches(
	context: IExecuteFunctions,
	definition: UploadDefinition,
	target: UploadTarget,
	prepared: PreparedContacts,
	reports: BatchReport[],
	continueOnFail: boolean,
): Promise<void> {
	const { profile } = definition;
	const total = prepared.batches.length;
	let accepted = 0;
	for (let index = 0; index < total; index++) {
		let batch = prepared.batches[index];
		const position = { batch: index + 1, batches: total };
		try {
			let outcome = await definition.sendBatch.call(context, target, batch, position);
			for (let round = 1; 'rejected' in outcome; round++) {
				for (const { record, reason } of outcome.rejected) {
					record.status = 'invalid';
					record.reason = `rejected by ${profile.provider}: ${reason}`;
				}
				const rejected = new Set(outcome.rejected.map(({ record }) => record));
				batch = batch.filter((record) => !rejected.has(record));
				if (batch.length === 0 || rejected.size === 0 || round > MAX_REJECTION_ROUNDS) {
					if (batch.length > 0) {
						throw new NodeApiError(context.getNode(), { message: 'repeated rejections' } as JsonObject, {
							message: `${profile.provider} kept rejecting contacts of batch ${position.batch}; stopped after ${MAX_REJECTION_ROUNDS} rounds`,
						});
					}
					break;
				}
				outcome = await definition.sendBatch.call(context, target, batch, position);
			}
			if ('rejected' in outcome) continue;
			const acceptedReason = `accepted by ${profile.provider} in batch ${position.batch} of ${total}`;
			for (const record of batch) {
				const special = outcome.outcomes?.get(record);
				record.status = special?.status ?? 'sent';
				record.reason = special?.reason ?? acceptedReason;
				record.providerResponse = outcome.providerResponse;
			}
			accepted += batch.length;
			reports.push({ batch: reports.length + 1, contacts: batch.length, status: 'sent', providerResponse: outcome.providerResponse });
		} catch (error) {
			const failure = error as NodeApiError;
			const why = [failure.message, failure.description].filter(Boolean).join(' ');
			if (continueOnFail) {
				for (const record of batch) {
					record.status = 'failed';
					record.reason = `batch ${position.batch} of ${total} was not accepted: ${why}`;
				}
				reports.push({ batch: reports.length + 1, contacts: batch.length, status: 'failed', error: why });
				continue;
			}
			const notSent = prepared.batches.slice(index).reduce((sum, remaining) => sum + remaining.length, 0);
			const range = index + 1 === total ? `batch ${total}` : `batches ${index + 1}–${total}`;
			throw new NodeApiError(context.getNode(), { message: failure.message, httpCode: failure.httpCode } as JsonObject, {
				message: `${profile.provider} did not accept batch ${position.batch} of ${total}: ${failure.message}`,
				description: `${accepted} contact(s) were already accepted in earlier batches of this upload. Not sent: ${range} (${notSent} contacts). ${failure.description ?? ''}`.trim(),
				httpCode: failure.httpCode ?? undefined,
				itemIndex: batch[0]?.itemIndex,
			});
		}
	}
}
