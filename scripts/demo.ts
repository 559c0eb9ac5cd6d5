/**
 * `npm run demo`: runs the example workflow examples/osvi-csv-sync.json (read a CSV of contacts →
 * OSVI Campaign → Add Contacts) in n8n's engine against the built-in OSVI simulator on 127.0.0.1,
 * and prints what happened to every contact.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow, type WorkflowFile } from '../test/support/engine';
import { OSVI_TOKEN, OsviSimulator } from '../test/simulators/osvi';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'osvi-csv-sync.json');

function table(rows: string[][]): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ')).join('\n');
}

async function main(): Promise<void> {
	process.chdir(ROOT);
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as WorkflowFile;
	const osviNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-voice-campaigns.osvi') as INode;
	const { campaignId, agentUuid } = osviNode.parameters as { campaignId: number; agentUuid: string };
	// The example's nightly sync outputs a summary; the demo asks for one line per contact.
	osviNode.parameters.options = { ...(osviNode.parameters.options as IDataObject), output: 'perContact' };

	const simulator = new OsviSimulator();
	await simulator.start();
	simulator.addCampaign(campaignId);
	simulator.addAgent(agentUuid);
	console.log(`OSVI simulator on ${simulator.baseUrl} (campaign ${campaignId}, agent ${agentUuid})`);
	console.log(`Running "${workflow.name}" from ${path.relative(ROOT, EXAMPLE)} in n8n's engine (n8n-core)…\n`);

	const run = await runWorkflow(workflow, { osviApi: { apiToken: OSVI_TOKEN, baseUrl: simulator.baseUrl } });
	await simulator.stop();

	const task = run.data.resultData.runData[osviNode.name]?.[0];
	if (!task || task.error) {
		console.error(`The OSVI node failed: ${task?.error?.message ?? run.data.resultData.error?.message ?? 'it did not run'}`);
		process.exitCode = 1;
		return;
	}
	const results = (task.data?.main?.[0] ?? []).map((item) => item.json);
	const rows = [['row', 'person', 'phone as given', 'E.164', 'status', 'reason']];
	for (const result of results) {
		rows.push([
			String(result.row ?? ''),
			String((result.contact as IDataObject | undefined)?.person_name ?? ''),
			String(result.rawPhone ?? ''),
			String(result.phone ?? ''),
			String(result.status),
			String(result.reason ?? ''),
		]);
	}
	console.log(table(rows));

	const counts = new Map<string, number>();
	for (const result of results) counts.set(String(result.status), (counts.get(String(result.status)) ?? 0) + 1);
	const requests = simulator.received('POST', /\/contacts$/);
	console.log(
		`\n${results.length} contacts in, ${results.length} results out: ${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}.`,
	);
	console.log(
		`The simulator received ${requests.length} request(s) and stored ${simulator.storedContacts(campaignId).length} contact(s) in campaign ${campaignId}.`,
	);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
