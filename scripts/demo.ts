/**
 * `npm run demo`: runs the example workflow examples/osvi-csv-sync.json (a CSV of contacts uploaded
 * through its Form Trigger → OSVI Campaign → Add Contacts) in n8n's engine against the built-in OSVI
 * simulator on 127.0.0.1, exactly as the example is set (Output: Summary), and prints what happened
 * to every contact. The demo plays the user's upload of examples/data/osvi-contacts.csv.
 *
 * The totals are checked from three independent sources, so a lost or doubled contact shows:
 * the CSV's data rows (counted here with csv-parse, not by the node), the node's summary, and the
 * contacts the simulator stored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'csv-parse/sync';
import type { IDataObject, INode } from 'n8n-workflow';

import { runWorkflow, type WorkflowFile } from '../test/support/engine';
import { formUploads } from '../test/support/stand-ins';
import { OSVI_TOKEN, OsviSimulator } from '../test/simulators/osvi';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'osvi-csv-sync.json');
const OSVI_TYPE = 'n8n-nodes-voice-campaigns.osvi';
const FORM_TYPE = 'n8n-nodes-base.formTrigger';
/** The file the demo uploads through the example's form. */
const CSV_FILE = path.join(ROOT, 'examples', 'data', 'osvi-contacts.csv');

interface Summary {
	total: number;
	sent: number;
	notSent: IDataObject[];
	[status: string]: unknown;
}

/** Columns padded to their widest cell; no line ends in spaces. */
function table(rows: string[][]): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

/** The CSV's data rows, counted apart from the node: header excluded, blank lines skipped. */
function countCsvRows(file: string): number {
	const records = parse(fs.readFileSync(file), { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true }) as unknown[];
	return records.length;
}

function nodeOfType(workflow: WorkflowFile, type: string): INode {
	const node = workflow.nodes.find((candidate) => candidate.type === type);
	if (!node) throw new Error(`${path.relative(ROOT, EXAMPLE)} has no ${type} node`);
	return node;
}

async function main(): Promise<void> {
	process.chdir(ROOT);
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as WorkflowFile;
	// Sticky notes are canvas text, never executed; the in-process engine has no type for them.
	workflow.nodes = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote');
	const osviNode = nodeOfType(workflow, OSVI_TYPE);
	const csvFile = CSV_FILE;
	formUploads.set(nodeOfType(workflow, FORM_TYPE).name, csvFile);
	const { campaignId, agentUuid } = osviNode.parameters as { campaignId: number; agentUuid: string };
	const output = (osviNode.parameters.options as IDataObject | undefined)?.output;
	if (output !== 'summary') {
		throw new Error(`The demo reads the example's summary, but "${osviNode.name}" has Output "${String(output)}": keep the two in step`);
	}

	const simulator = new OsviSimulator();
	await simulator.start();
	simulator.addCampaign(campaignId);
	simulator.addAgent(agentUuid);
	console.log(`OSVI simulator on ${simulator.baseUrl} (campaign ${campaignId}, agent ${agentUuid})`);
	console.log(`Running "${workflow.name}" from ${path.relative(ROOT, EXAMPLE)} in n8n's engine (n8n-core), as the example is set (Output: Summary), uploading ${path.relative(ROOT, csvFile)} through its form…\n`);

	let run;
	try {
		run = await runWorkflow(workflow, { osviApi: { apiToken: OSVI_TOKEN, baseUrl: simulator.baseUrl } });
	} finally {
		await simulator.stop();
	}

	const task = run.data.resultData.runData[osviNode.name]?.[0];
	if (!task || task.error) {
		console.error(`The OSVI node failed: ${task?.error?.message ?? run.data.resultData.error?.message ?? 'it did not run'}`);
		process.exitCode = 1;
		return;
	}
	const items = task.data?.main?.[0] ?? [];
	if (items.length !== 1) throw new Error(`Output Summary should give one item, the node gave ${items.length}`);
	const summary = items[0].json as unknown as Summary;
	const stored = simulator.storedContacts(campaignId);

	console.log(`Sent: stored by the OSVI simulator in campaign ${campaignId}`);
	console.log(table([['person', 'E.164'], ...stored.map((contact) => [String(contact.person_name ?? ''), String(contact.phone ?? '')])]));

	console.log('\nNot sent: the summary\'s "notSent" list');
	const notSentRows = [['row', 'person', 'phone as given', 'E.164', 'status', 'reason']];
	for (const contact of summary.notSent) {
		notSentRows.push([
			String(contact.row ?? ''),
			String(contact.person_name ?? ''),
			String(contact.rawPhone ?? ''),
			String(contact.phone ?? ''),
			String(contact.status),
			String(contact.reason ?? ''),
		]);
	}
	console.log(table(notSentRows));

	const csvRows = countCsvRows(csvFile);
	const accounted = summary.sent + summary.notSent.length;
	const statuses = ['sent', 'duplicate', 'invalid', 'suppressed', 'failed']
		.filter((status) => Number(summary[status] ?? 0) > 0)
		.map((status) => `${String(summary[status])} ${status}`);
	const requests = simulator.received('POST', /\/contacts$/);
	console.log(
		`\n${csvRows} data rows in ${path.relative(ROOT, csvFile)}; the summary accounts for ${accounted} contacts (${statuses.join(', ')}).`,
	);
	console.log(`The simulator received ${requests.length} request(s) and stored ${stored.length} contact(s) in campaign ${campaignId}.`);

	const mismatches = [
		csvRows !== summary.total && `the CSV has ${csvRows} data rows but the summary's total is ${summary.total}`,
		accounted !== csvRows && `${csvRows} rows in, but ${accounted} accounted for (sent + not sent)`,
		stored.length !== summary.sent && `the summary says ${summary.sent} sent, the simulator stored ${stored.length}`,
	].filter((problem): problem is string => typeof problem === 'string');
	for (const problem of mismatches) console.error(`MISMATCH: ${problem}`);
	if (mismatches.length > 0) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
