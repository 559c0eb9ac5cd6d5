// e2e:ui check of the AI Agent example: the workflow is imported before n8n starts, then its canvas
// is opened in the editor and every one of the package's tool nodes must be on it, connected to the
// agent by an AI tool edge, without a node issue (the chat model's missing credential is the
// user's to pick and is not judged). The canvas is screenshotted for docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, log, readJson } from '../lib.mjs';
import { n8nOrThrow, writeTemp } from '../n8n.mjs';

const EXAMPLE = path.join(ROOT, 'examples', 'osmtalk-ai-agent-campaign-control.json');
const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';

/** Imports the example, its tool nodes pointing at the credentials this run imported (by type). */
export async function importAgentExample(runtime, userFolder, work, credentials) {
	const workflow = readJson(EXAMPLE);
	for (const node of workflow.nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = credentials.find((candidate) => candidate.type === type);
			if (credential) node.credentials[type] = { id: credential.id, name: credential.name };
		}
	}
	await n8nOrThrow(runtime, userFolder, ['import:workflow', `--input=${writeTemp(work, 'agent-workflow.json', workflow)}`]);
	return workflow;
}

/** Opens the agent's canvas and checks each tool is attached; returns the screenshot's path. */
export async function checkAgentCanvas(page, url, workflow, { screenshotsDir, packageName, problems }) {
	const agent = workflow.nodes.find((node) => node.type === AGENT_TYPE);
	const tools = workflow.nodes.filter((node) => node.type.startsWith(`${packageName}.`) && node.type.endsWith('Tool'));
	if (!agent || tools.length === 0) {
		problems.push(`AI Agent example: ${agent ? 'no tool node of the package' : 'no AI Agent node'} in ${path.relative(ROOT, EXAMPLE)}`);
		return undefined;
	}
	await page.goto(`${url}/workflow/${workflow.id}`);
	await page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
	const onCanvas = (name) => page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).first();
	await onCanvas(agent.name).waitFor({ timeout: 30_000 }).catch(() => problems.push(`AI Agent example: the agent "${agent.name}" is not on the canvas`));
	for (const tool of tools) {
		const node = onCanvas(tool.name);
		if (!(await node.isVisible().catch(() => false))) {
			problems.push(`AI Agent example: tool "${tool.name}" (${tool.type}) is not on the canvas (is the tool variant installed?)`);
			continue;
		}
		const edge = page.locator(`[data-test-id="edge"][data-source-node-name="${tool.name}"][data-target-node-name="${agent.name}"]`);
		if ((await edge.count()) === 0) problems.push(`AI Agent example: tool "${tool.name}" is not connected to "${agent.name}"`);
		const issues = node.getByTestId('node-issues');
		if (await issues.isVisible().catch(() => false)) problems.push(`AI Agent example: tool "${tool.name}" shows a node issue on the canvas`);
		else log(`  AI Agent canvas: "${tool.name}" attached to "${agent.name}"`);
	}
	await page.keyboard.press('Shift+1').catch(() => undefined); // zoom to fit
	await page.waitForTimeout(500);
	fs.mkdirSync(screenshotsDir, { recursive: true });
	const file = path.join(screenshotsDir, 'ai-agent-osmtalk-tools.png');
	await page.getByTestId('canvas-wrapper').screenshot({ path: file });
	return path.relative(ROOT, file);
}
