/**
 * OSMTalk benchmark: 50,000 leads (items with a name, a company and a plan) through Lead → Add,
 * against the OSMTalk simulator, in one request (OSMTalk's limit is 50,000 leads an upload).
 */
import { runNode } from '../../test/support/engine';
import { OSMTALK_KEY, OsmTalkSimulator } from '../../test/simulators/osmtalk';
import type { ProviderBenchmark } from './types';

const CONTACTS = 50_000;

export const benchmark: ProviderBenchmark = async () => {
	const sim = new OsmTalkSimulator();
	await sim.start();
	try {
		sim.seedCampaign({ id: 'cmp_bench' });
		const items = Array.from({ length: CONTACTS }, (_, i) => ({
			json: {
				phone: `+9198${String(i).padStart(8, '0')}`,
				first_name: `Lead ${i}`,
				company: `Company ${i % 997}`,
				plan: i % 3 === 0 ? 'Pro' : 'Free',
			},
		}));
		const started = process.hrtime.bigint();
		const result = await runNode(
			{
				type: 'osmTalk',
				parameters: { resource: 'lead', operation: 'add', campaignId: 'cmp_bench', contactSource: 'items', options: { output: 'summary' } },
				credentials: { osmTalkApi: 'OSMTalk' },
			},
			{ items, credentials: { osmTalkApi: { apiKey: OSMTALK_KEY, baseUrl: sim.baseUrl } } },
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (result.error) throw new Error(`OSMTalk benchmark failed: ${result.error.message}`);
		const summary = result.output[0]?.json as { sent?: number } | undefined;
		const uploads = sim.received('POST', /\/leads$/);
		const stored = sim.leads.get('cmp_bench')?.length ?? 0;
		return {
			provider: 'OSMTalk',
			contacts: CONTACTS,
			seconds: Math.round(seconds * 100) / 100,
			requests: uploads.length,
			http429: uploads.filter((request) => request.status === 429).length,
			note: `${summary?.sent ?? 0} sent, ${stored} stored by the simulator; JSON-array format, 50,000 leads a request`,
		};
	} finally {
		await sim.stop();
	}
};
