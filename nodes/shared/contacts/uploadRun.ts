import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { isPerItem, itemParameterReader, rawParameter } from '../parameters';
import { sendBatches } from './batchAnswers';
import { uploadExecutionHints } from './hints';
import { createRowMapper, type MappingOptions } from './mapping';
import { normalizeToE164 } from './phone';
import { batchesOf, effectiveBatchSize, prepareContacts } from './pipeline';
import { contactResult, summaryResult, type BatchReport } from './results';
import { SentBeforeRecord } from './sentBefore';
import { assertSomePhone, fieldSources, readCsvItem } from './sources';
import type { ContactProfile, ContactRecord, SourceRow } from './types';
import type { ContactUploadSpec, UploadOptions } from './uploadOperation';

interface TargetGroup<Target> {
	target: Target;
	/** The first input item of the target, for errors. */
	itemIndex: number;
	parameters: IDataObject;
	rows: SourceRow[];
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

/** Reads every input row (items, or the CSV files they carry) and groups it by upload target. */
async function readTargets<Target>(
	context: IExecuteFunctions,
	spec: ContactUploadSpec<Target>,
	profile: ContactProfile,
	mapping: MappingOptions,
	options: UploadOptions,
): Promise<{ groups: Array<TargetGroup<Target>>; errorItems: INodeExecutionData[] }> {
	const items = context.getInputData();
	const source = context.getNodeParameter('contactSource', 0, 'items') as 'items' | 'csv';
	const names = spec.targetProperties.filter((property) => property.type !== 'notice').map((property) => property.name);
	const readers = names.map((name) => [name, itemParameterReader<unknown>(context, name)] as const);
	// Parameters written as expressions can differ per item; fixed ones address one target.
	const perItem = names.some((name) => isPerItem(rawParameter(context, name)));
	const groups = new Map<string, TargetGroup<Target>>();
	const groupOf = (itemIndex: number): TargetGroup<Target> => {
		const parameters: IDataObject = {};
		for (const [name, read] of readers) parameters[name] = read(itemIndex) as IDataObject[string];
		const key = perItem ? JSON.stringify(parameters) : '';
		let group = groups.get(key);
		if (!group) {
			group = { target: spec.readTarget(context, parameters, itemIndex), itemIndex, parameters, rows: [] };
			groups.set(key, group);
		}
		return group;
	};
	const errorItems: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		if (source !== 'csv') {
			groupOf(itemIndex).rows.push({ itemIndex, row: null, fields: items[itemIndex].json });
			continue;
		}
		try {
			const rows = await readCsvItem(context, itemIndex, profile, mapping, options.csvDelimiter);
			const group = groupOf(itemIndex);
			for (const row of rows) group.rows.push(row);
		} catch (error) {
			const failure = error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			if (!context.continueOnFail()) throw failure;
			errorItems.push({ json: { error: failure.message }, pairedItem: { item: itemIndex } });
		}
	}
	return { groups: [...groups.values()], errorItems };
}

/** Contacts on the provider's own Do-Not-Call list are settled as suppressed before sending. */
function suppressProviderBlocked(records: ContactRecord[], blocked: Set<string>, provider: string): void {
	for (const record of records) {
		if (record.status !== undefined) continue;
		const phone = record.phones.find((candidate) => blocked.has(candidate));
		if (phone === undefined) continue;
		record.status = 'suppressed';
		record.reason = `${phone} is on ${provider}'s Do-Not-Call list`;
		record.batch = undefined;
	}
}

/**
 * The whole contact upload, shared by every provider: read rows (items or CSV) → map → normalize
 * → suppress → dedupe → chunk → send each batch and read its answer → one result per contact.
 */
export async function runContactUpload<Target>(context: IExecuteFunctions, spec: ContactUploadSpec<Target>): Promise<INodeExecutionData[]> {
	const profile = typeof spec.profile === 'function' ? spec.profile() : spec.profile;
	const source = context.getNodeParameter('contactSource', 0, 'items') as 'items' | 'csv';
	const options = context.getNodeParameter('options', 0, {}) as UploadOptions;
	const country = 'fixed' in spec.country ? spec.country.fixed : (options.defaultCountry ?? spec.country.default);
	const mapping: MappingOptions = {
		sources: fieldSources(context, profile, source),
		variableFields: options.variableFields
			? options.variableFields.split(',').map((name) => name.trim()).filter((name) => name !== '')
			: undefined,
	};
	const doNotCall = parseDoNotCall(context, options.doNotCallNumbers, country);
	const { groups, errorItems } = await readTargets(context, spec, profile, mapping, options);
	const skipSentBefore = options.skipSentBefore ?? spec.skipSentBeforeByDefault === true;
	const needsAccount = !options.dryRun || (options.checkProviderDoNotCall && spec.providerDoNotCall) || skipSentBefore;
	const session = needsAccount ? await spec.client.session(context) : undefined;
	if (options.clearSentBefore && !options.dryRun) await SentBeforeRecord.clear(context);

	const minutes = Math.max(1, options.uploadDeadline ?? 60);
	const deadline = { at: Date.now() + minutes * 60_000, minutes };
	const allRecords: ContactRecord[] = [];
	const reports: BatchReport[] = [];
	const recordings: SentBeforeRecord[] = [];
	try {
		for (const [index, group] of groups.entries()) {
			const prepared = prepareContacts(group.rows, createRowMapper(profile, mapping), {
				profile,
				defaultCountry: country,
				doNotCall,
				batchSize: options.batchSize,
				firstSeq: allRecords.length,
				target: group.parameters,
			});
			for (const record of prepared.records) allRecords.push(record);
			if (source === 'items') assertSomePhone(context, prepared, group.itemIndex);
			if (prepared.batches.length === 0) continue;

			// Read also in a dry run, so the preview suppresses what the real run would.
			if (options.checkProviderDoNotCall && spec.providerDoNotCall && session) {
				const blocked = await spec.providerDoNotCall.read(session, group.target, group.itemIndex);
				if (blocked.size > 0) suppressProviderBlocked(prepared.records, blocked, profile.provider);
			}
			const parameters = JSON.stringify(group.parameters);
			const { key, words } = spec.describeTarget?.(group.target) ?? { key: parameters, words: `${profile.provider} (${parameters})` };
			const sentBefore = skipSentBefore && session ? new SentBeforeRecord(context, `${profile.provider}|${session.accountKey}|${key}`) : undefined;
			if (sentBefore) {
				recordings.push(sentBefore);
				await sentBefore.skipSent(prepared.batches.flat(), words, !options.dryRun);
			}
			// Suppressed and already-sent contacts leave their batches: cut the rest again.
			prepared.batches = batchesOf(prepared.records, effectiveBatchSize(profile, options.batchSize));
			if (options.dryRun || !session) {
				prepared.batches.forEach((batch, index) => {
					const reason = `dry run: would be sent in batch ${index + 1} of ${prepared.batches.length}`;
					for (const record of batch) {
						record.status = 'ready';
						record.reason = reason;
					}
					reports.push({ batch: reports.length + 1, contacts: batch.length, status: 'ready' });
				});
				continue;
			}
			const { target } = group;
			await sendBatches(
				context,
				{
					session,
					send: async (batch, position) => await spec.sendBatch({ session, target, batch, position, options }),
					reader: spec.answer,
					repeat: (batch) => (typeof spec.repeat === 'function' ? spec.repeat(batch) : spec.repeat),
					continueOnFail: context.continueOnFail(),
					afterBatch: sentBefore ? async (batch) => await sentBefore.recordSent(batch) : undefined,
					deadline,
				},
				prepared.batches,
				reports,
			);
			// A later target of this run may be the same campaign and share contacts: record them now.
			// The last target's are recorded after the contacts' records are let go (below).
			if (index < groups.length - 1) await sentBefore?.finish();
		}
		const output = outputOf(context, allRecords, reports, errorItems, options);
		// Recording reads and writes n8n's whole sent-before record once more: let the contacts'
		// records go first (a few hundred MB at a million contacts), the output no longer needs them.
		allRecords.length = 0;
		groups.length = 0;
		return output;
	} finally {
		// Confirmations are recorded also when a batch failed the run.
		for (const recording of recordings) await recording.finish();
	}
}

function outputOf(
	context: IExecuteFunctions,
	records: ContactRecord[],
	reports: BatchReport[],
	errorItems: INodeExecutionData[],
	options: UploadOptions,
): INodeExecutionData[] {
	const largeUpload = uploadExecutionHints(records.length, options.output);
	if (largeUpload.length > 0) context.addExecutionHints(...largeUpload);
	const unconfirmed = records.filter((record) => record.status === 'unconfirmed').length;
	if (unconfirmed > 0) {
		context.addExecutionHints({
			message: `${unconfirmed} contact(s) are "unconfirmed": the provider's answer did not confirm them. Check the campaign in the provider's dashboard before running the upload again.`,
			type: 'warning',
			location: 'outputPane',
		});
	}
	if (options.output === 'summary') {
		const summary: INodeExecutionData = {
			json: summaryResult(records, reports, options.dryRun === true, options),
			pairedItem: context.getInputData().map((_, item) => ({ item })),
		};
		return [...errorItems, summary];
	}
	const output: INodeExecutionData[] = errorItems.slice();
	for (const record of records) output.push({ json: contactResult(record, options), pairedItem: { item: record.itemIndex } });
	return output;
}
