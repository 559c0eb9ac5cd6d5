// What the queue-mode run asks of n8n: one workflow (a CRM webhook posting a contact list, split
// into items, uploaded to Truedy and to OSVI), its credentials, and the payloads of each round of
// concurrent executions (each a few thousand contacts, some shared between executions).

export const WORKFLOW_ID = 'queueBulkUpload01';
export const WEBHOOK_PATH = 'voice-campaigns-queue-upload';
const WEBHOOK_NODE = 'Receive Contact List';
export const OSVI_NODE_ID = 'a0000000-0000-4000-8000-000000000004';
export const OSVI_AGENT = 'agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og';

/** How much each round sends. */
export const LOAD = {
	executions: 20,
	/** Contacts only this execution has. */
	ownContacts: 1600,
	/** Contacts from a pool every execution draws from: each is in two executions. */
	sharedContacts: 400,
	sharedPool: 4000,
	/** Contacts per Truedy request: 10 requests an execution, 200 a round (two windows' worth). */
	truedyBatchSize: 200,
};

/**
 * Truedy's documented limit is 100 requests a minute per organisation; the run shortens the
 * minute to `windowSeconds`. The node's Rate Limit is the per-process budget: the provider's
 * limit divided by the number of processes that run executions (the two workers).
 */
export function rateLimits(windowSeconds, workers) {
	return { provider: { limit: 100, windowMs: windowSeconds * 1000 }, node: { limit: Math.floor(100 / workers), windowSeconds } };
}

const phone = {
	own: (round, execution, index) => `+9198${String(round * 20 + execution).padStart(2, '0')}${String(index).padStart(6, '0')}`,
	shared: (round, index) => `+9197${String(round).padStart(2, '0')}${String(index).padStart(6, '0')}`,
};

/** The contacts of one execution of a round: its own, then a slice of the shared pool. */
function contactsOf(round, execution) {
	const contacts = [];
	for (let i = 0; i < LOAD.ownContacts; i++) contacts.push({ phone: phone.own(round, execution, i), person_name: `Lead ${execution}-${i}` });
	const start = (execution * 200) % LOAD.sharedPool;
	for (let i = 0; i < LOAD.sharedContacts; i++) {
		const index = (start + i) % LOAD.sharedPool;
		contacts.push({ phone: phone.shared(round, index), person_name: `Shared ${index}` });
	}
	return contacts;
}

/**
 * The payloads of one round: `tag` names the execution (it is in n8n's execution data, so a failed
 * execution can be matched to its payload). Every round goes to the same campaigns; the rounds'
 * phone numbers differ (the round is part of each number).
 */
export function roundPayloads(round) {
	return Array.from({ length: LOAD.executions }, (_, execution) => ({
		tag: `queue-round-${round}-execution-${String(execution).padStart(2, '0')}`,
		contacts: contactsOf(round, execution),
	}));
}

/** Every phone number a round's payloads carry (each once). */
export function expectedPhones(payloads) {
	return new Set(payloads.flatMap((payload) => payload.contacts.map((contact) => contact.phone)));
}

/**
 * The campaign ids are fixed parameters, not expressions: an expression such as
 * `$('Receive Contact List').first().json.body.id` is evaluated once per contact (2,500 times an
 * execution, each through n8n's data proxy), which kept a worker's event loop so busy that Bull
 * could not renew its job locks and n8n failed executions nobody had killed.
 */
export function workflow(credentials, limits, campaign) {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: bulk upload to Truedy and OSVI',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: WEBHOOK_NODE,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a0000000-0000-4000-8000-0000000000aa',
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'One Item per Contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.contacts', include: 'noOtherFields', options: {} },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Add to Truedy Batch Call',
				type: 'n8n-nodes-voice-campaigns.truedy',
				typeVersion: 1,
				position: [440, -100],
				parameters: {
					resource: 'batchCall',
					operation: 'addContacts',
					batchCallId: campaign.truedy,
					options: { batchSize: LOAD.truedyBatchSize, rateLimit: limits.node.limit, rateLimitWindow: limits.node.windowSeconds },
				},
				credentials: { truedyApi: { id: credentials.truedy.id, name: credentials.truedy.name } },
			},
			{
				id: OSVI_NODE_ID,
				name: 'Add to OSVI Campaign',
				type: 'n8n-nodes-voice-campaigns.osvi',
				typeVersion: 1,
				position: [440, 100],
				parameters: {
					resource: 'campaign',
					operation: 'addContacts',
					campaignId: campaign.osvi,
					agentUuid: OSVI_AGENT,
					options: {},
				},
				credentials: { osviApi: { id: credentials.osvi.id, name: credentials.osvi.name } },
			},
		],
		connections: {
			[WEBHOOK_NODE]: { main: [[{ node: 'One Item per Contact', type: 'main', index: 0 }]] },
			'One Item per Contact': {
				main: [
					[
						{ node: 'Add to Truedy Batch Call', type: 'main', index: 0 },
						{ node: 'Add to OSVI Campaign', type: 'main', index: 0 },
					],
				],
			},
		},
	};
}

/** POSTs every payload at once to the production webhook; resolves with each answer's status. */
export async function fire(baseUrl, payloads) {
	return await Promise.all(
		payloads.map(async (payload) => {
			const response = await fetch(`${baseUrl}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(payload),
			});
			await response.text();
			return { tag: payload.tag, status: response.status };
		}),
	);
}
