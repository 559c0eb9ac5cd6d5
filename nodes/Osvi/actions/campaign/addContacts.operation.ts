import { type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Confirmation, Outcome } from '../../../shared/contacts/batchAnswers';
import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import type { ProviderSession } from '../../../shared/transport/client';
import { agentUuidOf, agentUuidProperty, campaignIdOf, campaignIdProperty } from '../../helpers/identifiers';
import { normalizeOsviPhone, osviProfile, toOsviContact } from '../../profile';
import { listOf, osviClient } from '../../transport';

interface OsviTarget {
	campaignId: number;
	agentUuid: string;
	enqueue: boolean;
}

const targetProperties: INodeProperties[] = [
	campaignIdProperty,
	{ ...agentUuidProperty, description: `The agent that will place the calls: ${agentUuidProperty.description}` },
	{
		displayName: 'Enqueue',
		name: 'enqueue',
		type: 'boolean',
		default: false,
		description: "Whether to release the contacts to the agent's calling queue immediately (the agent needs an active outbound trunk)",
	},
];

function readTarget(context: IExecuteFunctions, parameters: IDataObject, itemIndex: number): OsviTarget {
	const campaignId = campaignIdOf(context, parameters.campaignId, itemIndex);
	const agentUuid = agentUuidOf(context, parameters.agentUuid, itemIndex);
	return { campaignId, agentUuid, enqueue: parameters.enqueue === true };
}

/** OSVI names the first contact it refused, e.g. "contacts[3]: invalid phone. …" */
const REJECTED_CONTACT = /^contacts\[(\d+)\]:\s*(.+)$/s;

/** `contacts_accepted` counts what OSVI kept; `dnd_skipped` names contacts stored but not enqueued. */
function confirm(body: IDataObject, batch: ContactRecord[]): Confirmation {
	const data = (body.data && typeof body.data === 'object' ? body.data : {}) as IDataObject;
	const { dnd_skipped: dndSkipped, ...answer } = data;
	const outcomes = new Map<ContactRecord, Outcome>();
	if (Array.isArray(dndSkipped)) {
		const byPhone = new Map(batch.map((record) => [record.phone, record]));
		for (const skipped of dndSkipped as IDataObject[]) {
			const check = normalizeOsviPhone(String(skipped?.phone ?? ''));
			const record = check.ok ? byPhone.get(check.phone) : undefined;
			if (record) {
				outcomes.set(record, { status: 'suppressed', reason: "stored in the campaign but not enqueued: on OSVI's DND list for the agent" });
			}
		}
		answer.dnd_skipped = dndSkipped.length;
	}
	const accepted = typeof data.contacts_accepted === 'number' ? data.contacts_accepted : undefined;
	return { answer, outcomes, stored: accepted === undefined ? undefined : accepted - outcomes.size };
}

/** Reads every page of the agent's DND list, to suppress those numbers before sending. */
async function readDoNotCall(session: ProviderSession, target: OsviTarget, itemIndex: number): Promise<Set<string>> {
	const numbers = new Set<string>();
	for (let page = 1; ; page++) {
		const body = await session.request(
			{ method: 'GET', path: '/v1/dnd_numbers', qs: { agent_uuid: target.agentUuid, page, per_page: 100 } },
			{ itemIndex, doing: "reading the agent's DND list" },
		);
		const entries = listOf(body);
		for (const entry of entries) {
			const check = normalizeOsviPhone(String(entry.phone ?? ''));
			numbers.add(check.ok ? check.phone : String(entry.phone));
		}
		if (entries.length < 100) return numbers;
	}
}

export const { description, execute } = contactUploadOperation<OsviTarget>({
	resource: 'campaign',
	operation: 'addContacts',
	profile: osviProfile,
	client: osviClient,
	targetProperties,
	readTarget,
	country: { fixed: 'IN' },
	providerDoNotCall: {
		description: "Whether to read the agent's Do-Not-Disturb list from OSVI first and not send the numbers on it",
		read: readDoNotCall,
	},
	// OSVI stores every upload again: a batch that may have arrived is never re-sent, and contacts
	// sent in an earlier run are left out unless the user asks otherwise.
	repeat: 'stored again',
	skipSentBeforeByDefault: true,
	describeTarget: (target) => ({ key: `campaign ${target.campaignId}`, words: `OSVI campaign ${target.campaignId}` }),
	sendBatch: async ({ session, target, batch }) =>
		await session.send({
			method: 'POST',
			path: `/v1/campaigns/${target.campaignId}/contacts`,
			body: { agent_uuid: target.agentUuid, contacts: batch.map(toOsviContact), enqueue: target.enqueue },
			repeat: 'unsafe',
		}),
	answer: {
		rejected: (response, batch) => {
			if (response.statusCode !== 400) return undefined;
			const match = REJECTED_CONTACT.exec(String((response.body as IDataObject | null)?.error ?? ''));
			const record = match ? batch[Number(match[1])] : undefined;
			return match && record ? [{ record, reason: match[2].trim() }] : undefined;
		},
		confirm,
	},
});
