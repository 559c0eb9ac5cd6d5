import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { TRUEDY_KEY, TruedySimulator } from '../../simulators/truedy';
import { runNode, type RunResult } from '../../support/engine';

export const WEBHOOK_SECRET = 'whsec_test_secret';

/** A fresh Truedy simulator per test, and the node run against it. */
export function useTruedy() {
	const state: { sim: TruedySimulator } = { sim: undefined as unknown as TruedySimulator };
	beforeEach(async () => {
		state.sim = new TruedySimulator();
		await state.sim.start();
	});
	afterEach(async () => {
		await state.sim.stop();
	});
	async function run(
		parameters: Record<string, unknown>,
		items: INodeExecutionData[],
		options: { continueOnFail?: boolean; apiKey?: string } = {},
	): Promise<RunResult> {
		return await runNode(
			{ type: 'truedy', parameters: { resource: 'batchCall', ...parameters }, credentials: { truedyApi: 'Truedy' }, continueOnFail: options.continueOnFail },
			{ items, credentials: { truedyApi: { apiKey: options.apiKey ?? TRUEDY_KEY, baseUrl: state.sim.baseUrl, webhookSecret: WEBHOOK_SECRET } } },
		);
	}
	return {
		get sim() {
			return state.sim;
		},
		run,
	};
}

export const contacts = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

export function statuses(result: RunResult): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of result.output) counts[item.json.status as string] = (counts[item.json.status as string] ?? 0) + 1;
	return counts;
}

/** Neither secret of the credential anywhere: output items, the error with its cause and stored body. */
export function noSecrets(result: RunResult): void {
	const error = result.error ? JSON.stringify(result.error, Object.getOwnPropertyNames(result.error)) : '';
	const text = `${JSON.stringify(result.output)} ${error} ${result.error?.message ?? ''} ${result.error?.description ?? ''}`;
	expect(text).not.toContain(TRUEDY_KEY);
	expect(text).not.toContain(WEBHOOK_SECRET);
}
