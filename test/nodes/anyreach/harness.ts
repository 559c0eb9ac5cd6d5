/**
 * The Anyreach node's tests run it through n8n's engine (built dist/) against the Anyreach
 * simulator: this file starts the simulator for each test and holds what the test files share.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ANYREACH_ORG_KEY, ANYREACH_PAT, ANYREACH_READ_ONLY_KEY, AnyreachSimulator } from '../../simulators/anyreach';
import { runNode, type RunResult } from '../../support/engine';

export let sim: AnyreachSimulator;

beforeEach(async () => {
	sim = new AnyreachSimulator();
	await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

export interface RunOptions {
	items?: INodeExecutionData[];
	token?: string;
	organizationId?: string;
	continueOnFail?: boolean;
}

export async function run(parameters: IDataObject, options: RunOptions = {}): Promise<RunResult> {
	return await runNode(
		{
			type: 'anyreach',
			parameters,
			credentials: { anyreachApi: 'Anyreach' },
			continueOnFail: options.continueOnFail,
		},
		{
			items: options.items,
			credentials: {
				anyreachApi: {
					token: options.token ?? ANYREACH_ORG_KEY,
					organizationId: options.organizationId ?? '',
					baseUrl: sim.baseUrl,
				},
			},
		},
	);
}

export const items = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

export const upsert = (campaignId: string, extra: IDataObject = {}): IDataObject => ({
	resource: 'contact',
	operation: 'upsert',
	campaignId,
	...extra,
});

export function counts(output: INodeExecutionData[]): Record<string, number> {
	const result: Record<string, number> = {};
	for (const item of output) {
		const status = String(item.json.status);
		result[status] = (result[status] ?? 0) + 1;
	}
	return result;
}

export const contactPosts = () => sim.received('POST', /^\/campaign\/campaigns\/[^/]+\/contacts$/);

export function expectNoSecret(result: RunResult): void {
	// The whole error: message, description, cause and the stored response body.
	const error = result.error ? JSON.stringify(result.error, Object.getOwnPropertyNames(result.error)) : '';
	const text = JSON.stringify(result.output) + String(result.error?.message) + String(result.error?.description) + error;
	for (const secret of [ANYREACH_ORG_KEY, ANYREACH_PAT, ANYREACH_READ_ONLY_KEY, 's3cr3t']) expect(text).not.toContain(secret);
}
