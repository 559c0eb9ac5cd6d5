import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { contactUploadProperties } from '../../../shared/contacts/descriptions';
import type { ContactRecord, ContactStatus } from '../../../shared/contacts/types';
import {
	executeContactUpload,
	uploadOptions,
	type BatchRejected,
	type BatchSent,
	type UploadTarget,
} from '../../../shared/contacts/upload';
import { providerError } from '../../../shared/transport/http';
import { normalizeOsviPhone, osviProfile, toOsviContact } from '../../profile';
import { listOf, osviErrorText, osviRequest, osviSend } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign ID',
		name: 'campaignId',
		type: 'number',
		required: true,
		default: 0,
		description: 'The numeric ID of the OSVI campaign',
	},
	{
		displayName: 'Agent UUID',
		name: 'agentUuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og',
		description: 'The agent that will place the calls',
	},
	{
		displayName: 'Enqueue',
		name: 'enqueue',
		type: 'boolean',
		default: false,
		description: "Whether to release the contacts to the agent's calling queue immediately (the agent needs an active outbound trunk)",
	},
	...contactUploadProperties(osviProfile, {
		defaultCountry: false,
		extraOptions: [
			{
				displayName: 'Check OSVI DND List',
				name: 'checkProviderDnd',
				type: 'boolean',
				default: false,
				description: "Whether to read the agent's Do-Not-Disturb list from OSVI first and not send the numbers on it",
			},
		],
	}),
];

const displayOptions = { show: { resource: ['campaign'], operation: ['addContacts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

const REJECTED_CONTACT = /^contacts\[(\d+)\]:\s*(.+)$/s;

function targetOf(
	context: IExecuteFunctions,
	target: UploadTarget,
): { campaignId: number; agentUuid: string; enqueue: boolean } {
	const campaignId = Number(target.parameters.campaignId);
	const agentUuid = String(target.parameters.agentUuid ?? '').trim();
	if (!Number.isInteger(campaignId) || campaignId <= 0) {
		throw new NodeOperationError(context.getNode(), `Campaign ID must be a positive whole number, got "${String(target.parameters.campaignId)}"`, {
			itemIndex: target.itemIndex,
		});
	}
	if (agentUuid === '') {
		throw new NodeOperationError(context.getNode(), 'Agent UUID is empty', { itemIndex: target.itemIndex });
	}
	return { campaignId, agentUuid, enqueue: target.parameters.enqueue === true };
}

async function sendBatch(
	this: IExecuteFunctions,
	target: UploadTarget,
	batch: ContactRecord[],
	position: { batch: number; batches: number },
): Promise<BatchSent | BatchRejected> {
	const { campaignId, agentUuid, enqueue } = targetOf(this, target);
	const result = await osviSend.call(
		this,
		{
			method: 'POST',
			path: `/v1/campaigns/${encodeURIComponent(String(campaignId))}/contacts`,
			body: { agent_uuid: agentUuid, contacts: batch.map(toOsviContact), enqueue },
		},
		{ maxRetries: uploadOptions(this).maxRetries },
	);
	if (!result.ok) throw providerError(this, 'OSVI', result, osviErrorText);
	const { response } = result;

	if (response.statusCode === 400) {
		// OSVI names the first contact it refused, e.g. "contacts[3]: invalid phone. …"
		const match = REJECTED_CONTACT.exec(String((response.body as IDataObject | null)?.error ?? ''));
		const record = match ? batch[Number(match[1])] : undefined;
		if (match && record) return { rejected: [{ record, reason: match[2].trim() }] };
	}
	if (response.statusCode >= 300) throw providerError(this, 'OSVI', result, osviErrorText);

	if (!response.bodyIsJson) {
		return {
			providerResponse: {
				httpCode: response.statusCode,
				note: 'OSVI accepted the batch but its answer was not valid JSON',
			},
		};
	}
	const data = ((response.body as IDataObject | null)?.data ?? {}) as IDataObject;
	const { dnd_skipped: dndSkipped, ...summary } = data;
	const outcomes = new Map<ContactRecord, { status: ContactStatus; reason: string }>();
	if (Array.isArray(dndSkipped) && dndSkipped.length > 0) {
		const byPhone = new Map(batch.map((record) => [record.phones[0], record]));
		for (const skipped of dndSkipped as IDataObject[]) {
			const check = normalizeOsviPhone(String(skipped?.phone ?? ''));
			const record = check.ok ? byPhone.get(check.phone) : undefined;
			if (record) {
				outcomes.set(record, {
					status: 'suppressed',
					reason: `stored in campaign ${campaignId} but not enqueued: on OSVI's DND list for the agent (batch ${position.batch} of ${position.batches})`,
				});
			}
		}
	}
	return {
		providerResponse: { ...summary, dnd_skipped: Array.isArray(dndSkipped) ? dndSkipped.length : 0 },
		outcomes,
	};
}

/** Reads every page of the agent's DND list, to suppress those numbers before sending. */
async function osviDoNotCall(this: IExecuteFunctions, target: UploadTarget): Promise<Set<string> | undefined> {
	if (uploadOptions(this).checkProviderDnd !== true) return undefined;
	const { agentUuid } = targetOf(this, target);
	const numbers = new Set<string>();
	for (let page = 1; ; page++) {
		const body = await osviRequest.call(
			this,
			{ method: 'GET', path: '/v1/dnd_numbers', qs: { agent_uuid: agentUuid, page, per_page: 100 } },
			target.itemIndex,
		);
		const entries = listOf(body);
		for (const entry of entries) {
			const check = normalizeOsviPhone(String(entry.phone ?? ''));
			numbers.add(check.ok ? check.phone : String(entry.phone));
		}
		if (entries.length < 100) return numbers;
	}
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await executeContactUpload.call(this, {
		profile: osviProfile,
		targetParameters: ['campaignId', 'agentUuid', 'enqueue'],
		fixedCountry: 'IN',
		validateTarget(target) {
			targetOf(this, target);
		},
		providerDoNotCall: osviDoNotCall,
		sendBatch,
	});
}
