/**
 * Ten executions at once in one process, 5,000 contacts each, through the Truedy node against the
 * Truedy simulator with its rate limit on (the window shortened from 60 s to 1 s). The executions share one
 * limiter per account, so the question is how close the run comes to the rate floor (the least
 * time the provider's limit allows for these requests) and whether the provider answered any 429.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { TRUEDY_KEY, TruedySimulator } from '../../test/simulators/truedy';
import { runNode } from '../../test/support/engine';

export const CONCURRENT_EXECUTIONS = 10;
export const CONTACTS_PER_EXECUTION = 5_000;
export const CONCURRENT_LIMIT = 20;
export const CONCURRENT_WINDOW_MS = 1_000;
const BATCH_SIZE = 100;

export interface ConcurrentRound {
	seconds: number;
	/** The least time the limit allows between the first request and the last. */
	floorSeconds: number;
	/** From the first request's arrival at the provider to the last one's: the node's own pace. */
	sendingSeconds: number;
	requests: number;
	http429: number;
	sent: number;
}

function contactsOf(execution: number): INodeExecutionData[] {
	return Array.from({ length: CONTACTS_PER_EXECUTION }, (_, index) => ({
		json: { phone: `+1212${String(2_000_000 + execution * CONTACTS_PER_EXECUTION + index).padStart(7, '0')}`, first_name: `Lead ${execution}-${index}` },
	}));
}

export async function concurrentRound(): Promise<ConcurrentRound> {
	const sim = new TruedySimulator({ rateLimit: CONCURRENT_LIMIT, rateWindowMs: CONCURRENT_WINDOW_MS });
	await sim.start();
	try {
		sim.addBatchCall('batch_concurrent', 'active');
		const inputs = Array.from({ length: CONCURRENT_EXECUTIONS }, (_, execution) => contactsOf(execution));
		const started = process.hrtime.bigint();
		const results = await Promise.all(
			inputs.map(
				async (items) =>
					await runNode(
						{
							type: 'truedy',
							parameters: {
								resource: 'batchCall',
								operation: 'addContacts',
								batchCallId: 'batch_concurrent',
								options: { batchSize: BATCH_SIZE, rateLimit: CONCURRENT_LIMIT, rateLimitWindow: CONCURRENT_WINDOW_MS / 1000, output: 'summary' },
							},
							credentials: { truedyApi: 'Truedy' },
						},
						{ items, credentials: { truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl } } },
					),
			),
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		for (const result of results) if (result.error) throw result.error;
		const requests = sim.requests.length;
		const accepted = sim.requests.filter((request) => request.status !== 429).length;
		const arrivals = sim.arrivals.map((arrival) => arrival.at);
		return {
			seconds,
			// Recorded in order of arrival.
			sendingSeconds: (arrivals[arrivals.length - 1] - arrivals[0]) / 1000,
			floorSeconds: ((Math.ceil(accepted / CONCURRENT_LIMIT) - 1) * CONCURRENT_WINDOW_MS) / 1000,
			requests,
			http429: requests - accepted,
			sent: results.reduce((sum, result) => sum + Number(result.output[0]?.json.sent ?? 0), 0),
		};
	} finally {
		await sim.stop();
	}
}
