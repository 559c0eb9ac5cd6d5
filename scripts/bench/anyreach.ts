/**
 * `npm run bench` line for Anyreach: 50,000 contacts through the Anyreach node (Contact → Create or
 * Update, input items) against the Anyreach simulator, in batches of 1,000. Anyreach documents no
 * rate limit, so the node runs without a limiter; 429s are counted all the same.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { ANYREACH_ORG_KEY, AnyreachSimulator } from '../../test/simulators/anyreach';
import { runNode } from '../../test/support/engine';
import type { ProviderBenchmark } from './types';

const CONTACTS = 50_000;

export const benchmark: ProviderBenchmark = async () => {
	const sim = new AnyreachSimulator();
	await sim.start();
	try {
		const campaign = sim.addCampaign({ external_id: 'bench' });
		const items: INodeExecutionData[] = new Array(CONTACTS);
		for (let i = 0; i < CONTACTS; i++) {
			// Local US numbers (normalized with Default Country), a few fields that land in `data`.
			items[i] = {
				json: {
					phone: `(415) ${String(200 + Math.floor(i / 10_000)).padStart(3, '0')}-${String(i % 10_000).padStart(4, '0')}`,
					external_id: `crm-${i}`,
					first_name: `Contact ${i}`,
					plan: i % 2 ? 'pro' : 'basic',
				},
			};
		}
		const started = process.hrtime.bigint();
		const result = await runNode(
			{
				type: 'anyreach',
				parameters: { resource: 'contact', operation: 'upsert', campaignId: 'bench', options: { output: 'summary' } },
				credentials: { anyreachApi: 'Anyreach' },
			},
			{ items, credentials: { anyreachApi: { token: ANYREACH_ORG_KEY, organizationId: '', baseUrl: sim.baseUrl } } },
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (result.error) throw result.error;
		const summary = result.output[0]?.json as { sent?: number } | undefined;
		const uploads = sim.received('POST', /\/contacts$/);
		const stored = sim.contactsOf(campaign.id).length;
		return {
			provider: 'Anyreach',
			contacts: CONTACTS,
			seconds,
			requests: uploads.length,
			http429: uploads.filter((request) => request.status === 429).length,
			note: `${summary?.sent ?? 0} sent, ${stored} stored, batches of 1,000; no documented rate limit`,
		};
	} finally {
		await sim.stop();
	}
};
