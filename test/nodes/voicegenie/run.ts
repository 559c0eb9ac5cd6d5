/** What every VoiceGenie node test shares: the simulator, a run of the node, and what to check. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../../simulators/voicegenie';
import { runNode, type RunResult } from '../../support/engine';

export const vg: { sim: VoiceGenieSimulator } = { sim: undefined as unknown as VoiceGenieSimulator };

/** A fresh simulator for every test of the file that calls this. */
export function useSimulator(): void {
	beforeEach(async () => {
		vg.sim = new VoiceGenieSimulator();
		await vg.sim.start();
	});
	afterEach(async () => {
		await vg.sim.stop();
	});
}

export async function run(
	parameters: IDataObject,
	items: INodeExecutionData[],
	options: { continueOnFail?: boolean; apiKey?: string; baseUrl?: string } = {},
): Promise<RunResult> {
	return await runNode(
		{
			type: 'voiceGenie',
			parameters: { resource: 'campaign', ...parameters },
			credentials: { voiceGenieApi: 'VoiceGenie' },
			continueOnFail: options.continueOnFail,
		},
		{ items, credentials: { voiceGenieApi: { apiKey: options.apiKey ?? VOICEGENIE_KEY, baseUrl: options.baseUrl ?? vg.sim.baseUrl } } },
	);
}

export const contacts = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

export function statuses(result: RunResult): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of result.output) counts[item.json.status as string] = (counts[item.json.status as string] ?? 0) + 1;
	return counts;
}

export const uploads = () => vg.sim.received('POST', /^\/uploadCampaignData$/);

/** The key appears nowhere: output items, the error's message, description, cause and stored body. */
export function noSecrets(result: RunResult, key = VOICEGENIE_KEY): void {
	const error = result.error ? JSON.stringify(result.error, Object.getOwnPropertyNames(result.error)) : '';
	const text = JSON.stringify(result.output) + error + (result.error ? `${result.error.message} ${result.error.description ?? ''}` : '');
	expect(text).not.toContain(key);
}
