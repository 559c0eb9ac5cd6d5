/**
 * Truedy for the e2e run. Seed (all optional):
 * { "batchCalls": [{ "id": "bc_spring", "status": "draft", "name": "Spring outreach" }], "agents": ["agt_…"],
 *   "rateLimit": { "limit": 100, "windowMs": 6000 } }   (a shortened window, for the queue-mode run)
 * State: { "batchCalls": { "<id>": { "name", "status", "contacts": [stored contacts] } } }
 * The rate limit is Truedy's documented default (100 requests a minute per organisation).
 */
import { TRUEDY_KEY, TruedySimulator, type BatchStatus } from '../../../test/simulators/truedy';
import { defineSimulator } from './types';

/** The webhook signing secret from the Truedy dashboard, put in the credential for Truedy Trigger examples. */
export const TRUEDY_WEBHOOK_SECRET = 'whsec_truedy_e2e_8c2f4a6e1d';

interface TruedySeed {
	batchCalls?: Array<{ id: string; status?: BatchStatus; name?: string }>;
	agents?: string[];
	rateLimit?: { limit: number; windowMs: number };
}

export default defineSimulator<TruedySimulator>({
	name: 'truedy',
	credentialType: 'truedyApi',
	create: () => new TruedySimulator(),
	credentialData: (baseUrl) => ({ apiKey: TRUEDY_KEY, baseUrl, webhookSecret: TRUEDY_WEBHOOK_SECRET }),
	seed(simulator, raw) {
		const seed = (raw ?? {}) as TruedySeed;
		for (const id of seed.agents ?? []) simulator.agents.add(id);
		if (seed.rateLimit) {
			simulator.rateLimit = seed.rateLimit.limit;
			simulator.rateWindowMs = seed.rateLimit.windowMs;
		}
		for (const batch of seed.batchCalls ?? []) {
			simulator.addBatchCall(batch.id, batch.status ?? 'draft', batch.name ? { name: batch.name } : {});
		}
	},
	state(simulator) {
		return {
			batchCalls: Object.fromEntries(
				[...simulator.batchCalls.values()].map((batch) => [batch.id, { name: batch.name, status: batch.status, contacts: batch.contacts }]),
			),
		};
	},
});
