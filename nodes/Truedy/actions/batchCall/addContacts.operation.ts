import { type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import type { ProviderResponse } from '../../../shared/transport/http';
import { batchCallIdProperty } from '../../descriptions/batchCall';
import { confirmAddedContacts, rejectedContacts } from '../../helpers/contactAnswers';
import { batchCallIdOf } from '../../helpers/parameters';
import { toTruedyContact, truedyProfile } from '../../profile';
import { truedyClient } from '../../transport';

interface AddTarget {
	batchCallId: string;
}

/** The batch call each answer is about: Truedy's answer does not repeat it. */
const batchCallOf = new WeakMap<ProviderResponse, string>();

export const { description, execute } = contactUploadOperation<AddTarget>({
	resource: 'batchCall',
	operation: 'addContacts',
	profile: truedyProfile,
	client: truedyClient,
	targetProperties: [batchCallIdProperty],
	readTarget: (context: IExecuteFunctions, parameters: IDataObject, itemIndex: number) => ({
		batchCallId: batchCallIdOf(context, parameters.batchCallId, itemIndex),
	}),
	country: { default: 'US' },
	// Truedy skips a number already in the batch call: a batch sent twice is stored once.
	repeat: 'deduplicated',
	sendBatch: async ({ session, target, batch }) => {
		const result = await session.send({
			method: 'POST',
			path: `/batch-calls/${encodeURIComponent(target.batchCallId)}/contacts`,
			body: { contacts: batch.map((record) => toTruedyContact(record, false)) },
		});
		if (result.response) batchCallOf.set(result.response, target.batchCallId);
		return result;
	},
	answer: {
		rejected: rejectedContacts,
		confirm: (body, batch, response) => {
			const data = (body.data && typeof body.data === 'object' && !Array.isArray(body.data) ? body.data : {}) as IDataObject;
			return confirmAddedContacts(data, batch, { batch_call_id: batchCallOf.get(response) ?? null, ...data });
		},
	},
});
