// e2e:ui check: a resource locator's From List loads campaigns from the simulator, one is picked,
// and running the node acts on that campaign. Called by run.mjs after the searches.
// OSMTalk › Campaign › Pause lists only running campaigns (the states Pause accepts);
// Anyreach › Campaign › Pause lists the organization's campaigns with their status.
import path from 'node:path';

import { ROOT, log } from '../lib.mjs';

const CASES = [
	{
		simulator: 'osmtalk',
		node: 'osmTalk',
		seed: {
			agents: ['agent_1'],
			phoneNumbers: ['pn_1'],
			campaigns: [
				{ id: 'cmp_spring', name: 'Spring renewals', status: 'running' },
				{ id: 'cmp_autumn', name: 'Autumn win-back', status: 'paused' },
				{ id: 'cmp_q3', name: 'Q3 launch', status: 'draft' },
			],
		},
		listed: ['Spring renewals (running)'],
		pick: 'Spring renewals (running)',
		paused: (state) => state.campaigns.cmp_spring?.status === 'paused',
		screenshot: 'osmtalk-campaign-pause-list.png',
	},
	{
		simulator: 'anyreach',
		node: 'anyreach',
		seed: { campaigns: [{ name: 'Spring renewals' }, { name: 'Autumn win-back', status: 'paused' }] },
		listed: ['Spring renewals (active)', 'Autumn win-back (paused)'],
		pick: 'Spring renewals (active)',
		paused: (state) => Object.values(state.campaigns).some((campaign) => campaign.name === 'Spring renewals' && campaign.status === 'paused'),
		screenshot: 'anyreach-campaign-pause-list.png',
	},
];

/** Opens the node's Campaign › Pause panel, loads the list, picks a campaign and runs the node. */
async function checkCase(context, check) {
	const { page, url, sims, nodes, problems, screenshotsDir, addNode, closeNdv } = context;
	const label = `${check.node} campaign list`;
	const node = nodes.find((candidate) => candidate.name === check.node);
	const pair = node?.operations.find((candidate) => candidate.resource?.value === 'campaign' && candidate.operation?.value === 'pause');
	// A run limited to other nodes (--node) skips this list.
	if (!node || !pair) return undefined;
	await sims.reset({ [check.simulator]: check.seed });
	await page.goto(`${url}/workflow/new`);
	await page.getByTestId('canvas-wrapper').waitFor({ timeout: 120_000 });
	if (!(await addNode(page, node, pair, true, problems))) return undefined;

	const locator = page.getByTestId('resource-locator-campaignId');
	await locator.getByTestId('rlc-input').click();
	// The list opens in a popover outside the parameter's element.
	const items = page.getByTestId('rlc-item');
	try {
		await items.first().waitFor({ timeout: 30_000 });
	} catch {
		const error = await page.getByTestId('rlc-error-message').innerText().catch(() => 'no entries and no error shown');
		problems.push(`${label}: the From List did not load (${error.trim()})`);
		return undefined;
	}
	const listed = (await items.allInnerTexts()).map((text) => text.trim());
	const missing = check.listed.filter((name) => !listed.includes(name));
	const extra = listed.filter((name) => !check.listed.includes(name));
	if (missing.length > 0 || extra.length > 0) problems.push(`${label}: listed ${JSON.stringify(listed)}, expected ${JSON.stringify(check.listed)}`);
	else log(`  ${label}: loaded ${listed.join(', ')} from the simulator`);
	// The parameter column down to the open list (the panel itself runs to the window's bottom).
	const panel = await page.getByTestId('ndv').locator('.node-settings').first().boundingBox();
	const listBottom = await items.last().evaluate((el) => el.getBoundingClientRect().bottom);
	const file = path.join(screenshotsDir, check.screenshot);
	await page.screenshot({ path: file, clip: { x: panel.x, y: panel.y, width: panel.width, height: Math.min(panel.height, listBottom - panel.y + 24) } });

	await items.filter({ hasText: check.pick }).first().click();
	// The field shows the picked entry once the popover has closed: read it for a few seconds.
	const input = locator.getByTestId('rlc-input');
	const name = check.pick.replace(/ \(.*\)$/, '');
	let shown = '';
	for (let tries = 0; tries < 20 && !shown.includes(name); tries++) {
		await page.waitForTimeout(250);
		const value = await input.evaluate((el) => (el instanceof HTMLInputElement ? el.value : (el.querySelector('input')?.value ?? ''))).catch(() => '');
		shown = `${value} ${await locator.innerText().catch(() => '')}`.trim();
	}
	if (!shown.includes(name)) problems.push(`${label}: after picking "${check.pick}" the field shows "${shown}"`);

	// Run the node: the picked campaign must be the one the simulator sees paused.
	await page.getByTestId('node-execute-button').click();
	const deadline = Date.now() + 60_000;
	let state;
	do {
		await page.waitForTimeout(500);
		state = (await sims.report())[check.simulator]?.state;
	} while (!(state && check.paused(state)) && Date.now() < deadline);
	if (state && check.paused(state)) log(`  ${label}: "${check.pick}" picked, and running the node paused it`);
	else problems.push(`${label}: running the node with "${check.pick}" picked did not pause it (state ${JSON.stringify(state).slice(0, 300)})`);
	await closeNdv(page);
	return path.relative(ROOT, file);
}

export async function checkLocators(context) {
	const shots = [];
	for (const check of CASES) {
		const shot = await checkCase(context, check);
		if (shot) shots.push(shot);
	}
	return shots;
}
