import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, type RunResult } from '../../support/engine';
import { OSVI_TOKEN, OsviSimulator } from '../../simulators/osvi';

export { OSVI_TOKEN };

export const CAMPAIGN = 42;
export const AGENT = 'agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og';

/** The simulator of the running test (a live binding: importers see each test's own). */
export let sim: OsviSimulator;

/** Starts a fresh OSVI simulator, with campaign 42 and its agent, around every test of the file. */
export function useOsviSimulator(): void {
	beforeEach(async () => {
		sim = new OsviSimulator();
		await sim.start();
		sim.addCampaign(CAMPAIGN);
		sim.addAgent(AGENT);
	});

	afterEach(async () => {
		await sim.stop();
	});
}

export function osvi(
	parameters: IDataObject,
	items: INodeExecutionData[],
	{ continueOnFail = false, token = OSVI_TOKEN, workflowId }: { continueOnFail?: boolean; token?: string; workflowId?: string } = {},
): Promise<RunResult> {
	return runNode(
		{
			type: 'osvi',
			parameters: {
				resource: 'campaign',
				operation: 'addContacts',
				campaignId: CAMPAIGN,
				agentUuid: AGENT,
				...parameters,
			},
			credentials: { osviApi: 'OSVI account' },
			continueOnFail,
		},
		{
			items,
			workflowId,
			credentials: { osviApi: { apiToken: token, baseUrl: `${sim.baseUrl}/` } },
		},
	);
}

export const json = (result: RunResult) => result.output.map((item) => item.json);
export const statuses = (result: RunResult) => json(result).map((item) => item.status);
export const contactRequests = () => sim.received('POST', /^\/v1\/campaigns\/\d+\/contacts$/);

/** n distinct valid Indian mobiles, in mixed formats. */
export function mobiles(n: number): string[] {
	return Array.from({ length: n }, (_, i) => {
		const digits = `9${String(100000000 + i)}`;
		return i % 3 === 0 ? digits : i % 3 === 1 ? `+91 ${digits}` : `0${digits}`;
	});
}

export function expectNoSecret(result: RunResult) {
	const everything = JSON.stringify({
		output: result.output,
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
	});
	expect(everything).not.toContain(OSVI_TOKEN);
}

/** Runs one operation of the OSVI node against the simulator. */
export const runOperation = (
	resource: string,
	operation: string,
	parameters: IDataObject,
	items: INodeExecutionData[] = [{ json: {} }],
	continueOnFail = false,
) =>
	runNode(
		{
			type: 'osvi',
			parameters: { resource, operation, ...parameters },
			credentials: { osviApi: 'OSVI account' },
			continueOnFail,
		},
		{
			items,
			credentials: { osviApi: { apiToken: OSVI_TOKEN, baseUrl: sim.baseUrl } },
		},
	);
