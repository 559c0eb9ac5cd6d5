import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import type { BatchAnswerReader, Confirmation, Outcome } from '../../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import type { ProviderSession } from '../../../shared/transport/client';
import type { SendResult } from '../../../shared/transport/http';
import { sourceProperty } from '../../descriptions/doNotCallFields';
import { listedNumber, readDoNotCallList } from '../../helpers/doNotCallEntries';
import { DNC_SOURCES, OSMTALK_DEFAULT_COUNTRY, osmTalkDncProfile } from '../../profile';
import { osmTalkClient } from '../../transport';

interface DoNotCallTarget {
	source: string;
	/** For the errors of the list read, which runs without the execution context. */
	node: INode;
}

const DOING = 'adding numbers to the Do-Not-Call list';

/**
 * OSMTalk answers `{ inserted, ignored }` without naming the ignored numbers ("Duplicates
 * ignored"), so the list is read once per execution before the first batch: a number on it is
 * reported as a duplicate, not as added. Each confirmed batch is added to this copy.
 */
const listedOf = new WeakMap<ProviderSession, Promise<Set<string>>>();
/** Whether a number was on the list before this execution first sent it (kept across a re-send). */
const listedBeforeSend = new WeakMap<ContactRecord, boolean>();
/** The execution's copy of the list each record was checked against. */
const listOfRecord = new WeakMap<ContactRecord, Set<string>>();
const sentBy = new WeakMap<SendResult, ProviderSession>();

async function listedNumbers(session: ProviderSession, target: DoNotCallTarget): Promise<Set<string>> {
	let listed = listedOf.get(session);
	if (!listed) {
		listed = readDoNotCallList(target.node, session, 0).then((entries) => new Set(entries.map(listedNumber)));
		listedOf.set(session, listed);
	}
	return await listed;
}

/** A refusal names bad entries as `entries[3].phoneNumber`. */
const ENTRY_INDEX = /entries\[(\d+)\]/;

/**
 * `inserted` counts the numbers OSMTalk added and `ignored` those it already had. After a 2xx every
 * entry counted in either is on the list, which is what the user asked for; the numbers listed
 * before this run are named duplicates.
 */
function confirm(body: IDataObject, batch: ContactRecord[]): Confirmation {
	const { inserted, ignored } = body;
	const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);
	const outcomes = new Map<ContactRecord, Outcome>();
	for (const record of batch) {
		if (listedBeforeSend.get(record)) outcomes.set(record, { status: 'duplicate', reason: "already on OSMTalk's Do-Not-Call list (OSMTalk ignored it)" });
	}
	const added = count(inserted);
	const already = count(ignored);
	// With `ignored`, both counts are numbers now on the list; without it, only the added ones are known.
	const stored = added === undefined ? undefined : already === undefined ? added : Math.max(0, added + already - outcomes.size);
	const listed = batch[0] ? listOfRecord.get(batch[0]) : undefined;
	if (listed && stored !== undefined && stored >= batch.length - outcomes.size) for (const record of batch) listed.add(record.phones[0]);
	return { answer: { inserted: inserted ?? null, ignored: ignored ?? null }, outcomes, stored };
}

const answer: BatchAnswerReader = {
	rejected: (response, batch) => {
		const details = (response.body as IDataObject | null)?.details;
		if (response.statusCode !== 400 || !Array.isArray(details)) return undefined;
		const rejected = new Map<ContactRecord, string>();
		for (const detail of details as IDataObject[]) {
			const match = ENTRY_INDEX.exec(String(detail?.field ?? detail?.path ?? ''));
			const record = match ? batch[Number(match[1])] : undefined;
			if (record && !rejected.has(record)) rejected.set(record, String(detail.message ?? detail.error ?? 'refused'));
		}
		return rejected.size > 0 ? [...rejected].map(([record, reason]) => ({ record, reason })) : undefined;
	},
	refusal: async (_response, result) => sentBy.get(result)?.error(result, { doing: DOING }),
	confirm,
};

export const { description, execute } = contactUploadOperation<DoNotCallTarget>({
	resource: 'doNotCall',
	operation: 'addMany',
	profile: osmTalkDncProfile,
	client: osmTalkClient,
	targetProperties: [{ ...sourceProperty, description: 'Where the entries came from, as OSMTalk records it (the same for every number of this run)' }],
	readTarget: (context: IExecuteFunctions, parameters: IDataObject, itemIndex: number) => {
		const source = String(parameters.source ?? '');
		if (!DNC_SOURCES.includes(source)) {
			throw new NodeOperationError(context.getNode(), `Source "${source}" is not one of ${DNC_SOURCES.join(', ')}`, { itemIndex });
		}
		return { source, node: context.getNode() };
	},
	country: { default: OSMTALK_DEFAULT_COUNTRY },
	// No variables, and the list itself is what the numbers are added to.
	omitOptions: ['doNotCallNumbers', 'variableFields'],
	// "Duplicates ignored": sending a number again leaves one entry.
	repeat: 'deduplicated',
	sendBatch: async ({ session, target, batch }) => {
		const listed = await listedNumbers(session, target);
		for (const record of batch) {
			if (!listedBeforeSend.has(record)) listedBeforeSend.set(record, listed.has(record.phones[0]));
			listOfRecord.set(record, listed);
		}
		const entries = batch.map((record) => {
			const entry: IDataObject = { phoneNumber: record.phones[0], source: target.source };
			if (record.contact.fields.reason) entry.reason = record.contact.fields.reason;
			return entry;
		});
		const result = await session.send({ method: 'POST', path: '/api/campaigns/dnc/bulk', body: { entries } });
		sentBy.set(result, session);
		return result;
	},
	answer,
});
