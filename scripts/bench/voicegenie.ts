/**
 * 50,000 contacts through the VoiceGenie node (Campaign → Create or Update with Contacts) against
 * the VoiceGenie simulator. VoiceGenie allows 50 requests a minute; the simulator's window is
 * shortened to 1 s (50 requests a second) and the node's Rate Limit Window set to match. Batches of
 * 500 make 100 requests, so the limiter has to hold requests back.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../../test/simulators/voicegenie';
import { runNode } from '../../test/support/engine';
import type { ProviderBenchmark } from './types';

const CONTACTS = 50_000;
const WINDOW_MS = 1_000;
const BATCH_SIZE = 500;

export const benchmark: ProviderBenchmark = async () => {
	const sim = new VoiceGenieSimulator({ rateLimit: 50, rateWindowMs: WINDOW_MS });
	await sim.start();
	try {
		const items: INodeExecutionData[] = Array.from({ length: CONTACTS }, (_, i) => ({
			json: { phone_number: `+9198${String(10_000_000 + i).padStart(8, '0')}`, name: `Lead ${i}`, email: `lead${i}@example.com`, city: 'Pune' },
		}));
		const started = process.hrtime.bigint();
		const { output, error } = await runNode(
			{
				type: 'voiceGenie',
				parameters: {
					resource: 'campaign',
					operation: 'createOrUpdate',
					campaignName: 'Bench Campaign',
					scriptId: 'script_bench',
					options: { batchSize: BATCH_SIZE, rateLimit: 50, rateLimitWindow: WINDOW_MS / 1000, output: 'summary' },
				},
				credentials: { voiceGenieApi: 'VoiceGenie' },
			},
			{ items, credentials: { voiceGenieApi: { apiKey: VOICEGENIE_KEY, baseUrl: sim.baseUrl } } },
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (error) throw error;
		const summary = output[0]?.json ?? {};
		return {
			provider: 'VoiceGenie',
			contacts: CONTACTS,
			seconds: Math.round(seconds * 100) / 100,
			requests: sim.requests.length,
			http429: sim.requests.filter((request) => request.status === 429).length,
			note: `rate window shortened to ${WINDOW_MS / 1000} s (50 requests per window), batches of ${BATCH_SIZE}; sent ${String(summary.sent)}`,
		};
	} finally {
		await sim.stop();
	}
};
