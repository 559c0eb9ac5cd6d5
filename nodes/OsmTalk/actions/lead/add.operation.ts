import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { BatchAnswerReader, Confirmation, Outcome } from '../../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import type { ProviderSession } from '../../../shared/transport/client';
import type { SendResult } from '../../../shared/transport/http';
import { campaignIdProperty } from '../../descriptions/campaignFields';
import { campaignIdFrom, campaignPath } from '../../helpers/campaignId';
import { listedNumber, readDoNotCallList } from '../../helpers/doNotCallEntries';
import { csvErrorsOf, leadErrors } from '../../helpers/csvErrors';
import { leadRefusal } from '../../helpers/leadRefusal';
import { OSMTALK_DEFAULT_COUNTRY, osmTalkLeadProfile, toOsmTalkLead } from '../../profile';
import { osmTalkClient } from '../../transport';

interface LeadTarget {
	campaignId: string;
	/** For the errors of the Do-Not-Call read, which runs without the execution context. */
	node: INode;
}

/** The campaign and session of each upload answer, for explaining a refusal that names no lead. */
const sentTo = new WeakMap<SendResult, { session: ProviderSession; campaignId: string }>();

/**
 * `inserted` counts the stored leads; `csvErrors` names the others: a lead already in the campaign
 * ("Duplicate phone number in this campaign") is a duplicate, any other entry a refused lead.
 */
function confirm(body: IDataObject, batch: ContactRecord[]): Confirmation {
	const csvErrors = csvErrorsOf(body);
	const { named, unmatched } = leadErrors(csvErrors, batch);
	const outcomes = new Map<ContactRecord, Outcome>();
	for (const { record, text, duplicate } of named) {
		outcomes.set(record, duplicate ? { status: 'duplicate', reason: `already in the campaign: OSMTalk answered "${text}"` } : { status: 'invalid', reason: `rejected by OSMTalk: ${text}` });
	}
	const { inserted } = body;
	const answer: IDataObject = { inserted: inserted ?? null, csvErrors: csvErrors.length };
	if (unmatched.length > 0) answer.unmatchedCsvErrors = unmatched as IDataObject[];
	const stored = typeof inserted === 'number' && Number.isInteger(inserted) && inserted >= 0 ? inserted : undefined;
	return { answer, outcomes, stored };
}

const answer: BatchAnswerReader = {
	// A 400 whose `csvErrors` names leads refused them; the others are sent again without them.
	rejected: (response, batch) => {
		if (response.statusCode !== 400 || !response.body || typeof response.body !== 'object') return undefined;
		const { named } = leadErrors(csvErrorsOf(response.body as IDataObject), batch);
		return named.length > 0 ? named.map(({ record, text }) => ({ record, reason: text })) : undefined;
	},
	refusal: async (_response, result) => {
		const sent = sentTo.get(result);
		return sent ? await leadRefusal(sent.session, sent.campaignId, result) : undefined;
	},
	confirm,
};

/** Reads OSMTalk's Do-Not-Call list (organisation-wide), to leave its numbers out before sending. */
async function readDoNotCall(session: ProviderSession, target: LeadTarget, itemIndex: number): Promise<Set<string>> {
	return new Set((await readDoNotCallList(target.node, session, itemIndex)).map(listedNumber));
}

/*
 * Wire format: the JSON array `{ "leads": [{ "phoneNumber", "variables" }] }`, never CSV, although
 * OSMTalk calls CSV "preferred for spreadsheet exports". By the time a batch is sent the pipeline has
 * already parsed, mapped and normalized every contact, so nothing a CSV file offers is left, and
 * JSON is the exact format:
 * - the phone travels in its own `phoneNumber` field, so no other column can be taken for the phone
 *   column (OSMTalk finds a CSV's phone column by name: phone, phone_number, number, phoneNumber);
 * - each lead carries its own variables: items of different shapes need no union header padded with
 *   empty cells that would become empty prompt variables;
 * - no quoting: commas, quotes, newlines or a leading "=" in a value cannot shift or break a row;
 * - lead i of the body is contact i of the batch, so `csvErrors` map back onto contacts by row.
 * The CSV limits (≤ 50,000 leads, ≤ 50 columns besides the phone, ≤ 4,000 characters a cell,
 * column names of 1–64 allowed characters that do not collide with the phone column) are checked
 * locally on every lead all the same (profile.ts), so a lead is refused here, with its reason,
 * rather than by OSMTalk.
 */
export const { description, execute } = contactUploadOperation<LeadTarget>({
	resource: 'lead',
	operation: 'add',
	profile: osmTalkLeadProfile,
	client: osmTalkClient,
	targetProperties: [campaignIdProperty],
	readTarget: (context: IExecuteFunctions, parameters: IDataObject, itemIndex: number) => ({
		campaignId: campaignIdFrom(context, parameters.campaignId, itemIndex),
		node: context.getNode(),
	}),
	country: { default: OSMTALK_DEFAULT_COUNTRY },
	providerDoNotCall: {
		description:
			"Whether to read OSMTalk's Do-Not-Call list first and not upload the numbers on it (OSMTalk would otherwise store them and end them as dnc_blocked without calling)",
		read: readDoNotCall,
	},
	// OSMTalk documents no idempotency key: a second upload stores the leads again.
	repeat: 'stored again',
	sendBatch: async ({ session, target, batch }) => {
		const result = await session.send({
			method: 'POST',
			path: campaignPath(target.campaignId, '/leads'),
			body: { leads: batch.map(toOsmTalkLead) },
			repeat: 'unsafe',
		});
		sentTo.set(result, { session, campaignId: target.campaignId });
		return result;
	},
	answer,
});
