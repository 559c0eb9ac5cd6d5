import type { IDataObject } from 'n8n-workflow';

import type { Confirmation, Outcome, Rejection } from '../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../shared/contacts/types';
import type { ProviderResponse } from '../../shared/transport/http';
import { locText, validationIssues } from '../transport';

/**
 * Contacts a refusal (400 / 422) names: a 422 `detail[]` whose `loc` is ["body", "contacts", i, …],
 * or an error envelope whose details carry the contact's index or phone number. Undefined when
 * the refusal is not (only) about contacts of this batch: then nothing is re-sent.
 */
export function rejectedContacts(response: ProviderResponse, batch: ContactRecord[]): Rejection[] | undefined {
	if (response.statusCode !== 400 && response.statusCode !== 422) return undefined;
	const { body } = response;
	const issues = validationIssues(body);
	const reasons = new Map<ContactRecord, string[]>();
	const add = (record: ContactRecord, reason: string) => reasons.set(record, [...(reasons.get(record) ?? []), reason]);
	if (issues.length > 0) {
		for (const issue of issues) {
			const [where, list, index] = issue.loc;
			const record = where === 'body' && list === 'contacts' && typeof index === 'number' ? batch[index] : undefined;
			if (!record) return undefined;
			add(record, `${locText(issue.loc.slice(3)) || 'contact'}: ${issue.msg}`);
		}
	} else {
		const error = (body as { error?: { message?: unknown; details?: IDataObject | null } } | null)?.error;
		const details = error?.details;
		if (!details || typeof details !== 'object') return undefined;
		const index = details.index ?? details.contact_index;
		let record = typeof index === 'number' ? batch[index] : undefined;
		if (!record && typeof details.phone_number === 'string') {
			record = batch.find((candidate) => candidate.phone === details.phone_number);
		}
		if (!record) return undefined;
		add(record, typeof error?.message === 'string' ? error.message : 'refused');
	}
	return [...reasons].map(([record, list]) => ({ record, reason: list.join('; ') }));
}

const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined);

/**
 * What Add Contacts' answer confirms. Truedy documents two answers: `{added_count, failed_count}`
 * (schema) and `{added, duplicates_skipped, invalid_skipped, total_contacts}` (example). Both count,
 * neither names contacts: the added count confirms that many; a batch wholly in one skip count is
 * known contact by contact; anything in between is left to the shared reconciliation (unconfirmed).
 * `failed_count` says no why (a number already there, or refused), so it decides no contact's fate.
 */
export function confirmAddedContacts(data: IDataObject, batch: ContactRecord[], answer: IDataObject): Confirmation {
	const added = count(data.added_count) ?? count(data.added);
	const all = batch.length;
	let whole: Outcome | undefined;
	if (count(data.duplicates_skipped) === all) whole = { status: 'duplicate', reason: 'Truedy skipped it: the number is already in the batch call' };
	else if (count(data.invalid_skipped) === all) whole = { status: 'invalid', reason: 'Truedy skipped it as invalid (invalid_skipped)' };
	if (whole && (added ?? 0) === 0) {
		// Named one by one, so a re-send after an unreadable answer can say "already there".
		return { answer, outcomes: new Map(batch.map((record) => [record, whole])), stored: 0 };
	}
	return { answer, stored: added };
}
