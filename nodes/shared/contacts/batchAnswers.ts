import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { ProviderSession } from '../transport/client';
import { quote } from '../transport/errors';
import type { ProviderResponse, SendResult } from '../transport/http';
import type { BatchReport } from './results';
import type { ContactRecord, ContactStatus } from './types';

export interface Outcome {
	status: ContactStatus;
	reason: string;
}

/** A contact the provider named when it refused a whole request (it stored nothing). */
export interface Rejection {
	record: ContactRecord;
	reason: string;
}

/** What a readable 2xx answer says about one batch. */
export interface Confirmation {
	/** The answer's own counts, kept once per batch (summary, and the batch's first contact). */
	answer: IDataObject;
	/** Contacts the answer names, with their fate. */
	outcomes?: Map<ContactRecord, Outcome>;
	/** How many of the other contacts the answer says were stored; undefined when it does not say. */
	stored: number | undefined;
	/** The fate of the others when none was stored and the provider's documented rule says why. */
	noneStored?: Outcome;
}

/** A provider's parsers: the shared flow around them is in `sendBatches`. */
export interface BatchAnswerReader {
	/** From a refusal (400 / 422) that names contacts: those contacts; the rest is sent again. */
	rejected?: (response: ProviderResponse, batch: ContactRecord[]) => Rejection[] | undefined;
	/** A refusal the provider explains better than its status (e.g. a campaign in the wrong state). */
	refusal?: (response: ProviderResponse, result: SendResult) => Promise<Error | undefined>;
	/** What a 2xx JSON object answer confirms. */
	confirm: (body: IDataObject, batch: ContactRecord[], response: ProviderResponse) => Confirmation;
}

export interface BatchPlan {
	session: ProviderSession;
	send: (batch: ContactRecord[], position: BatchPosition) => Promise<SendResult>;
	reader: BatchAnswerReader;
	/** The provider de-duplicates: a batch whose answer did not confirm is sent once more. */
	resendUnconfirmed: boolean;
	/** The upload is not idempotent: a batch that may have arrived is `unconfirmed`, not `failed`. */
	unsafeToRepeat: boolean;
	continueOnFail: boolean;
	/** The upload's deadline: no batch starts after `at` (ms since epoch). */
	deadline?: { at: number; minutes: number };
	/** Called with each batch once its contacts have their fate (to record the confirmed ones). */
	afterBatch?: (batch: ContactRecord[]) => Promise<void>;
}

export interface BatchPosition {
	batch: number;
	batches: number;
}

/** How many times one batch may be sent again without contacts the provider named as invalid. */
const MAX_REJECTION_ROUNDS = 10;

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

function setAll(records: ContactRecord[], outcome: Outcome): void {
	for (const record of records) {
		record.status = outcome.status;
		record.reason = outcome.reason;
	}
}

/** A 2xx body that is not a JSON object, quoted for a reason. */
function unreadable(response: ProviderResponse): string | undefined {
	const { body } = response;
	if (response.bodyIsJson && body !== null && typeof body === 'object' && !Array.isArray(body)) return undefined;
	if (body === null || body === undefined || body === '') return 'an empty answer';
	return `"${quote(typeof body === 'string' ? body : JSON.stringify(body))}"`;
}

/** A contact a re-send found already there: the first send (whose answer was lost or unreadable) stored it. */
function resentOutcome(provider: string, where: string): Outcome {
	return { status: 'sent', reason: `stored by ${provider} (${where}): confirmed on a re-send after an answer was lost or unreadable` };
}

/** Gives every contact of a confirmed batch its fate: named, counted, or unconfirmed. */
function reconcile(plan: BatchPlan, batch: ContactRecord[], confirmation: Confirmation, where: string, resent: boolean): ContactRecord[] {
	const { provider } = plan.session;
	const named = confirmation.outcomes ?? new Map<ContactRecord, Outcome>();
	const rest: ContactRecord[] = [];
	for (const record of batch) {
		const outcome = named.get(record);
		if (!outcome) rest.push(record);
		else if (resent && outcome.status === 'duplicate') {
			// The first answer could not be read; the provider now says the contact is already there.
			setAll([record], resentOutcome(provider, where));
		} else setAll([record], outcome);
	}
	const answerQuote = quote(JSON.stringify(confirmation.answer), 160);
	const { stored } = confirmation;
	if (rest.length === 0) return [];
	if (stored === undefined) {
		setAll(rest, { status: 'unconfirmed', reason: `${provider}'s answer (${where}) does not say whether they were stored: ${answerQuote}` });
		return rest;
	}
	if (stored >= rest.length) {
		setAll(rest, { status: 'sent', reason: `accepted by ${provider} in ${where}` });
		return [];
	}
	if (stored === 0 && confirmation.noneStored) {
		// On a re-send, "none stored" (e.g. skipped as already there) may be the first send's doing, as for a named duplicate.
		const resentDuplicate = resent && confirmation.noneStored.status === 'duplicate';
		setAll(rest, resentDuplicate ? resentOutcome(provider, where) : confirmation.noneStored);
		return [];
	}
	setAll(rest, {
		status: 'unconfirmed',
		reason: `${provider} confirmed ${stored} of these ${plural(rest.length, 'contact')} (${where}) without naming which: ${answerQuote}`,
	});
	return rest;
}

/**
 * Sends prepared batches, one after the other, and gives every contact its fate. The flow is the
 * same for every provider: a failed request is an error; a refusal naming contacts marks them
 * invalid and sends the rest again; another status ≥ 300 is an error; a 2xx is believed only as
 * far as it confirms.
 */
export async function sendBatches(context: IExecuteFunctions, plan: BatchPlan, batches: ContactRecord[][], reports: BatchReport[]): Promise<void> {
	const { provider } = plan.session;
	const total = batches.length;
	let confirmed = 0;
	for (let index = 0; index < total; index++) {
		let batch = batches[index];
		const position = { batch: index + 1, batches: total };
		const where = `batch ${position.batch} of ${total}`;
		let resent = false;
		let failure: { error: Error; result?: SendResult } | undefined;
		if (plan.deadline && Date.now() > plan.deadline.at) {
			const { minutes } = plan.deadline;
			failure = { error: new NodeApiError(context.getNode(), { message: 'upload deadline' } as JsonObject, {
				message: `The upload deadline (${minutes} min) passed before ${where} could start`,
				description: 'Raise the Upload Deadline option, or lower the amount of contacts per run.',
			}) };
		}
		let answer: IDataObject | undefined;
		for (let round = 0; batch.length > 0 && !failure; round++) {
			const sent = await plan.send(batch, position).then(
				(outcome): { result: SendResult } | { notSent: unknown } => ({ result: outcome }),
				(notSent: unknown) => ({ notSent }),
			);
			if ('notSent' in sent) {
				// The provider's own reason, checked before any request, not to send this batch: it fails alone.
				if (!(sent.notSent instanceof NodeOperationError)) throw sent.notSent;
				failure = { error: sent.notSent };
				break;
			}
			const { result } = sent;
			if (!result.ok) {
				failure = { error: plan.session.error(result), result };
				break;
			}
			const { response } = result;
			if (response.statusCode >= 300) {
				const rejected = plan.reader.rejected?.(response, batch) ?? [];
				if (rejected.length > 0 && round < MAX_REJECTION_ROUNDS) {
					for (const { record, reason } of rejected) setAll([record], { status: 'invalid', reason: `rejected by ${provider}: ${reason}` });
					const refused = new Set(rejected.map(({ record }) => record));
					batch = batch.filter((record) => !refused.has(record));
					continue;
				}
				failure = { error: (await plan.reader.refusal?.(response, result)) ?? plan.session.error(result), result };
				break;
			}
			const problem = unreadable(response);
			if (problem !== undefined) {
				if (plan.resendUnconfirmed && !resent) {
					resent = true;
					continue;
				}
				setAll(batch, {
					status: 'unconfirmed',
					reason: `${provider} answered HTTP ${response.statusCode} with ${problem} instead of a confirmation (${where}); it may or may not have stored them`,
				});
				break;
			}
			const confirmation = plan.reader.confirm(response.body as IDataObject, batch, response);
			answer = confirmation.answer;
			// A retry after an attempt that may have arrived is a re-send too: "already there" may be that attempt's doing.
			const unconfirmed = reconcile(plan, batch, confirmation, where, resent || result.earlierAttemptReached === true);
			if (unconfirmed.length > 0 && plan.resendUnconfirmed && !resent) {
				resent = true;
				batch = unconfirmed;
				continue;
			}
			break;
		}
		await plan.afterBatch?.(batches[index]);
		const sent = batches[index].filter((record) => record.status === 'sent').length;
		confirmed += sent;
		if (batches[index][0] && answer) batches[index][0].providerResponse = answer;
		if (!failure) {
			const unsure = batches[index].some((record) => record.status === 'unconfirmed');
			reports.push({ batch: position.batch, contacts: batches[index].length, sent, status: unsure ? 'unconfirmed' : 'sent', providerResponse: answer });
			continue;
		}
		const { error, result } = failure;
		const mayHaveArrived = plan.unsafeToRepeat && result !== undefined && mayHaveActed(result);
		const status: ContactStatus = mayHaveArrived ? 'unconfirmed' : 'failed';
		const open = batch.filter((record) => record.status === undefined);
		setAll(open, {
			status,
			reason: mayHaveArrived
				? `${where} may have been stored by ${provider}, which did not confirm it: ${error.message}`
				: `${where} was not accepted: ${error.message}`,
		});
		reports.push({ batch: position.batch, contacts: batches[index].length, sent, status, error: error.message });
		if (plan.continueOnFail) continue;
		throw uploadStopped(context, error, { index, total, confirmed, batches, mayHaveArrived });
	}
}

/** Whether a failed request may have been acted on: it arrived and got no refusal that proves otherwise. */
function mayHaveActed(result: SendResult): boolean {
	const status = result.response?.statusCode;
	if (status === undefined) return result.ok || result.reached;
	return status >= 500 && status !== 503;
}

/** The node's error when an upload stops: what happened (once), then what was and was not sent. */
function uploadStopped(
	context: IExecuteFunctions,
	error: Error,
	progress: { index: number; total: number; confirmed: number; batches: ContactRecord[][]; mayHaveArrived: boolean },
): Error {
	const { index, total, confirmed, batches } = progress;
	if (total === 1 && confirmed === 0 && !progress.mayHaveArrived) return error;
	const notSent = batches.slice(index + 1).reduce((sum, batch) => sum + batch.length, 0);
	const parts = [
		confirmed > 0 ? `${plural(confirmed, 'contact')} of this upload were confirmed before it stopped.` : '',
		progress.mayHaveArrived ? `Batch ${index + 1} may have been stored: check the campaign before running again.` : '',
		notSent > 0 ? `Not sent: ${index + 2 === total ? `batch ${total}` : `batches ${index + 2}–${total}`} (${plural(notSent, 'contact')}).` : '',
	];
	const api = error as NodeApiError;
	const description = [api.description, ...parts].filter(Boolean).join(' ');
	if (!(error instanceof NodeApiError)) return error;
	return new NodeApiError(context.getNode(), { message: error.message, httpCode: api.httpCode } as JsonObject, {
		message: error.message,
		description,
		httpCode: api.httpCode ?? undefined,
		itemIndex: batches[index][0]?.itemIndex,
	});
}
