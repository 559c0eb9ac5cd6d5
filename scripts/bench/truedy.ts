/**
 * 50,000 contacts through the Truedy node (Batch Call → Add Contacts) against the Truedy simulator.
 * Truedy allows 100 requests a minute; the simulator's window is shortened to 1 s (100 requests a
 * second) and the node's Rate Limit Window set to match, so the limiter is exercised without the
 * run taking minutes. Batches of 200 make 250 requests, i.e. the limiter has to hold requests back.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { TRUEDY_KEY, TruedySimulator } from '../../test/simulators/truedy';
import { runNode } from '../../test/support/engine';
import type { ProviderBenchmark } from './types';

const CONTACTS = 50_000;
const WINDOW_MS = 1_000;
const BATCH_SIZE = 200;

export const benchmark: ProviderBenchmark = async () => {
	const sim = new TruedySimulator({ rateLimit: 100, rateWindowMs: WINDOW_MS });
	await sim.start();
	try {
		sim.addBatchCall('batch_bench', 'active');
		const items: INodeExecutionData[] = Array.from({ length: CONTACTS }, (_, i) => ({
			json: { phone: `+1212${String(2_000_000 + i).padStart(7, '0')}`, first_name: `Lead ${i}`, email: `lead${i}@example.com`, plan: 'gold' },
		}));
		const started = process.hrtime.bigint();
		const { output, error } = await runNode(
			{
				type: 'truedy',
				parameters: {
					resource: 'batchCall',
					operation: 'addContacts',
					batchCallId: 'batch_bench',
					options: { batchSize: BATCH_SIZE, rateLimit: 100, rateLimitWindow: WINDOW_MS / 1000, output: 'summary' },
				},
				credentials: { truedyApi: 'Truedy' },
			},
			{ items, credentials: { truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl } } },
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (error) throw error;
		const summary = output[0]?.json ?? {};
		return {
			provider: 'Truedy',
			contacts: CONTACTS,
			seconds: Math.round(seconds * 100) / 100,
			requests: sim.requests.length,
			http429: sim.requests.filter((request) => request.status === 429).length,
			note: `rate window shortened to ${WINDOW_MS / 1000} s (100 requests per window), batches of ${BATCH_SIZE}; sent ${String(summary.sent)}`,
		};
	} finally {
		await sim.stop();
	}
};
