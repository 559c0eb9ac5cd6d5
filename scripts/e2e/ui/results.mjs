// e2e:ui check of the per-contact result table as the editor shows it: a small workflow (Manual
// Trigger → Edit Fields holding six contacts → Split Out → OSVI Add Contacts) is imported before n8n
// starts, run from the editor against the OSVI simulator, and the OSVI node's output must show a row
// per contact with the status each one earns. The output panel is screenshotted for the README.
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, log } from '../lib.mjs';
import { n8nOrThrow, writeTemp } from '../n8n.mjs';

const CAMPAIGN = 4521;
const AGENT = 'agent_IsZ3Q6Sf_60Eh26XQMGbz-R_og';
const SEED = { osvi: { campaigns: [CAMPAIGN], agents: [{ uuid: AGENT, hasOutboundTrunk: true }] } };
const NODE_NAME = 'Add Contacts to OSVI Campaign';
const CONTACTS = [
	{ name: 'Aarav Sharma', phone: '+91 98765 43210', city: 'Pune' },
	{ name: 'Diya Patel', phone: '09876543211', city: 'Surat' },
	{ name: 'Aarav S.', phone: '9876543210', city: 'Pune' },
	{ name: 'Kabir Rao', phone: '12345', city: 'Mysuru' },
	{ name: 'Meera Iyer', phone: '+91 91234 56789', city: 'Chennai' },
	{ name: 'Rohan Gupta', phone: '+1 212 555 0123', city: 'New York' },
];
/** What each contact must end as, in input order. */
const EXPECTED = ['sent', 'sent', 'duplicate', 'invalid', 'sent', 'invalid'];

function resultWorkflow(credential) {
	return {
		id: 'e2eUiResultTable1',
		name: 'Result table (e2e:ui)',
		active: false,
		settings: {},
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Contacts', type: 'main', index: 0 }]] },
			Contacts: { main: [[{ node: 'One Item per Contact', type: 'main', index: 0 }]] },
			'One Item per Contact': { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
		nodes: [
			{ id: 'r1', name: 'When clicking ‘Execute workflow’', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'r2',
				name: 'Contacts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts: CONTACTS }), options: {} },
			},
			{ id: 'r3', name: 'One Item per Contact', type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: [440, 0], parameters: { fieldToSplitOut: 'contacts', options: {} } },
			{
				id: 'r4',
				name: NODE_NAME,
				type: 'n8n-nodes-voice-campaigns.osvi',
				typeVersion: 1,
				position: [660, 0],
				parameters: { resource: 'campaign', operation: 'addContacts', campaignId: String(CAMPAIGN), agentUuid: AGENT, options: { skipSentBefore: false } },
				credentials: credential ? { osviApi: { id: credential.id, name: credential.name } } : {},
			},
		],
	};
}

/** Imports the workflow, its OSVI node pointing at the OSVI credential this run imported. */
export async function importResultWorkflow(runtime, userFolder, work, credentials) {
	const workflow = resultWorkflow(credentials.find((candidate) => candidate.type === 'osviApi'));
	await n8nOrThrow(runtime, userFolder, ['import:workflow', `--input=${writeTemp(work, 'result-workflow.json', workflow)}`]);
	return workflow;
}

/** Runs the workflow in the editor and checks the OSVI node's output table; returns the screenshot's path. */
export async function checkResultTable(page, url, workflow, { sims, screenshotsDir, problems }) {
	await sims.reset(SEED);
	await page.goto(`${url}/workflow/${workflow.id}`);
	await page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
	await page.getByTestId('execute-workflow-button').first().click();
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE_NAME}"]`).first();
	// The canvas marks a node that ran with its item count on the edge and a success icon.
	await node.locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 90_000 }).catch(() => problems.push('result table: the OSVI node did not finish successfully in the editor'));
	await node.dblclick();
	const output = page.getByTestId('output-panel');
	await output.waitFor({ timeout: 30_000 });
	const table = output.locator('table').first();
	if (!(await table.isVisible().catch(() => false))) await output.getByText('Table', { exact: true }).first().click().catch(() => undefined);
	await table.waitFor({ timeout: 30_000 }).catch(() => problems.push('result table: no table in the OSVI node output panel'));
	const text = (await table.innerText().catch(() => '')) ?? '';
	for (const contact of CONTACTS) if (!text.includes(contact.name)) problems.push(`result table: "${contact.name}" is not in the table`);
	for (const status of new Set(EXPECTED)) if (!new RegExp(`\\b${status}\\b`).test(text)) problems.push(`result table: no contact shows "${status}"`);
	const stored = (await sims.report()).osvi?.state?.campaigns?.[CAMPAIGN]?.contacts ?? [];
	const sent = EXPECTED.filter((status) => status === 'sent').length;
	if (stored.length !== sent) problems.push(`result table: the OSVI simulator stored ${stored.length} contact(s), expected ${sent}`);
	else log(`  result table: ${CONTACTS.length} rows (${EXPECTED.join(', ')}), ${stored.length} stored by the simulator`);
	fs.mkdirSync(screenshotsDir, { recursive: true });
	const file = path.join(screenshotsDir, 'osvi-addContacts-results.png');
	// The panel down to the table's last row (below it is empty space and the run's toast).
	const panel = await output.boundingBox();
	const rows = await table.boundingBox();
	if (panel && rows) await page.screenshot({ path: file, clip: { x: panel.x, y: panel.y, width: panel.width, height: Math.min(panel.height, rows.y + rows.height - panel.y + 16) } });
	else await output.screenshot({ path: file });
	await page.keyboard.press('Escape').catch(() => undefined);
	return path.relative(ROOT, file);
}
