/**
 * The OSMTalk node through n8n's engine (built package from dist/) against the OSMTalk simulator:
 * what every OSMTalk test file shares.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, type RunResult } from '../../support/engine';
import { OSMTALK_KEY, OsmTalkSimulator } from '../../simulators/osmtalk';

export const WEBHOOK_SECRET = 'whsec_must_never_leak_91';

/** A started simulator with the agent and phone number the tests use. */
export async function startSimulator(): Promise<OsmTalkSimulator> {
	const sim = new OsmTalkSimulator();
	sim.addAgent('agent_1', 7);
	sim.addPhoneNumber('pn_1');
	await sim.start();
	return sim;
}

export interface RunArgs {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	apiKey?: string;
}

/** The key and the webhook secret appear nowhere: output, error (cause and stored body included). */
export function expectNoSecret(result: RunResult, secrets: string[] = [OSMTALK_KEY, WEBHOOK_SECRET]): void {
	const error = result.error ? JSON.stringify(result.error, Object.getOwnPropertyNames(result.error)) : '';
	const visible = JSON.stringify([result.output, result.error?.message, result.error?.description, result.error?.cause, error]);
	for (const secret of secrets) expect(visible).not.toContain(secret);
}

export async function runOsmTalk(sim: OsmTalkSimulator, parameters: IDataObject, args: RunArgs = {}): Promise<RunResult> {
	const result = await runNode(
		{
			type: 'osmTalk',
			parameters,
			credentials: { osmTalkApi: 'OSMTalk' },
			continueOnFail: args.continueOnFail,
		},
		{
			items: args.items,
			credentials: {
				osmTalkApi: {
					apiKey: args.apiKey ?? OSMTALK_KEY,
					baseUrl: sim.baseUrl,
					webhookSecret: WEBHOOK_SECRET,
				},
			},
		},
	);
	// No secret may ever reach an output item or an error.
	expectNoSecret(result);
	return result;
}

/** Starts a simulator before each test of the file and stops it after; `osm.sim` is the current one. */
export function osmTalkHarness(): { sim: OsmTalkSimulator; run: (parameters: IDataObject, args?: RunArgs) => Promise<RunResult> } {
	const harness = {
		sim: undefined as unknown as OsmTalkSimulator,
		run: async (parameters: IDataObject, args: RunArgs = {}) => await runOsmTalk(harness.sim, parameters, args),
	};
	beforeEach(async () => {
		harness.sim = await startSimulator();
	});
	afterEach(async () => {
		await harness.sim.stop();
	});
	return harness;
}

export const json = (result: RunResult) => result.output.map((item) => item.json);
export const items = (rows: IDataObject[]) => rows.map((row) => ({ json: row }));
export const statuses = (result: RunResult) => json(result).map((entry) => entry.status);
