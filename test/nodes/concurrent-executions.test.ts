/**
 * Ten executions at once in one n8n process (as a CRM webhook firing once per lead, or several
 * scheduled syncs, do) against a provider whose documented rate limit is on, with the window
 * shortened to one second. The node's Rate Limit matches the provider's: the executions share one
 * limiter per account, so the provider's own counters must show not one 429 and every contact
 * stored. Asserted on the simulators' counters only, never on time.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { TRUEDY_KEY, TruedySimulator } from '../simulators/truedy';
import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../simulators/voicegenie';
import { runNode, type RunResult } from '../support/engine';

const EXECUTIONS = 10;
const CONTACTS_PER_EXECUTION = 30;
const BATCH_SIZE = 5;
const LIMIT = 10;

/** Distinct numbers per execution: nothing is de-duplicated away, every contact must arrive. */
function contactsOf(execution: number, phone: (execution: number, index: number) => string): INodeExecutionData[] {
	return Array.from({ length: CONTACTS_PER_EXECUTION }, (_, index) => ({ json: { phone: phone(execution, index), name: `Lead ${execution}-${index}` } }));
}

function statusCounts(results: RunResult[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const result of results) for (const item of result.output) counts[String(item.json.status)] = (counts[String(item.json.status)] ?? 0) + 1;
	return counts;
}

/** The most requests the provider saw arrive inside any window of `windowMs` (one opening at each arrival). */
function mostInAnyWindow(arrivals: number[], windowMs: number): number {
	const sorted = [...arrivals].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0, j = 0; i < sorted.length; i++) {
		while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

const total = EXECUTIONS * CONTACTS_PER_EXECUTION;
const requests = total / BATCH_SIZE;

/** Runs the node in EXECUTIONS executions at once, each with its own contacts. */
async function runAtOnce(
	node: Parameters<typeof runNode>[0],
	credentials: NonNullable<Parameters<typeof runNode>[1]>['credentials'],
	phone: (execution: number, index: number) => string,
): Promise<RunResult[]> {
	return await Promise.all(Array.from({ length: EXECUTIONS }, async (_, execution) => await runNode(node, { items: contactsOf(execution, phone), credentials })));
}

describe('Concurrent executions in one process share the provider account\'s rate limit', () => {
	it(`Truedy (${LIMIT} per 1 s window): ${EXECUTIONS} executions, ${requests} requests, not one 429, every contact sent`, async () => {
		const sim = new TruedySimulator({ rateLimit: LIMIT, rateWindowMs: 1000 });
		await sim.start();
		try {
			sim.addBatchCall('batch_concurrent', 'active');
			const results = await runAtOnce(
				{
					type: 'truedy',
					parameters: {
						resource: 'batchCall',
						operation: 'addContacts',
						batchCallId: 'batch_concurrent',
						options: { batchSize: BATCH_SIZE, rateLimit: LIMIT, rateLimitWindow: 1 },
					},
					credentials: { truedyApi: 'Truedy' },
				},
				{ truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_concurrent' } },
				(e, i) => `+1212${String(200 + e)}${String(1000 + i)}`,
			);
			expect(results.map((result) => result.error?.message)).toEqual(Array(EXECUTIONS).fill(undefined));
			expect(sim.rateLimited).toBe(0);
			expect(sim.arrivals.filter((arrival) => arrival.limited)).toEqual([]);
			expect(sim.arrivals).toHaveLength(requests);
			expect(mostInAnyWindow(sim.arrivals.map((arrival) => arrival.at), 1000)).toBeLessThanOrEqual(LIMIT);
			expect(statusCounts(results)).toEqual({ sent: total });
			expect(new Set(sim.batchCalls.get('batch_concurrent')!.contacts.map((contact) => contact.phone_number)).size).toBe(total);
		} finally {
			await sim.stop();
		}
	});

	it(`VoiceGenie (${LIMIT} per 1 s window): ${EXECUTIONS} executions, ${requests} requests, not one 429, every contact sent`, async () => {
		const sim = new VoiceGenieSimulator({ rateLimit: LIMIT, rateWindowMs: 1000 });
		await sim.start();
		try {
			const results = await runAtOnce(
				{
					type: 'voiceGenie',
					parameters: {
						resource: 'campaign',
						operation: 'createOrUpdate',
						campaignName: 'Concurrent Campaign',
						scriptId: 'script_123',
						scheduleTime: '2024-06-01T09:00:00Z',
						options: { batchSize: BATCH_SIZE, rateLimit: LIMIT, rateLimitWindow: 1 },
					},
					credentials: { voiceGenieApi: 'VoiceGenie' },
				},
				{ voiceGenieApi: { apiKey: VOICEGENIE_KEY, baseUrl: sim.baseUrl } },
				(e, i) => `+9198${String(100 + e)}${String(10000 + i)}`,
			);
			expect(results.map((result) => result.error?.message)).toEqual(Array(EXECUTIONS).fill(undefined));
			expect(sim.rateLimited).toBe(0);
			const uploads = sim.received('POST', /^\/uploadCampaignData$/);
			expect(uploads.filter((request) => request.status === 429)).toEqual([]);
			expect(uploads).toHaveLength(requests);
			expect(statusCounts(results)).toEqual({ sent: total });
			expect(new Set(sim.campaigns.get('Concurrent Campaign')!.contacts.map((contact) => contact.phone_number)).size).toBe(total);
		} finally {
			await sim.stop();
		}
	});
});
