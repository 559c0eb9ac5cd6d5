// e2e:ui check: n8n's credential test in the editor, for the providers whose test used to fail
// with a good key (OSVI: the DND list wants an agent; Truedy: an undocumented GET /agents) and the
// one whose test is judged by status (VoiceGenie). Called by run.mjs after the panels, since it
// saves the credential: with a wrong key the test must fail saying the key was refused and
// naming the field; with the simulator's key it must pass (and that key is saved back).
import path from 'node:path';

import { CACHE, log } from '../lib.mjs';

const CASES = [
	{ simulator: 'osvi', name: 'OSVI account', field: 'apiToken', fieldLabel: 'API Token', provider: 'OSVI' },
	{ simulator: 'truedy', name: 'Truedy account', field: 'apiKey', fieldLabel: 'API Key', provider: 'Truedy' },
	{ simulator: 'voicegenie', name: 'VoiceGenie account', field: 'apiKey', fieldLabel: 'API Key', provider: 'VoiceGenie' },
];

const SUCCESS = /Connection tested successfully/;
const FAILURE = /Couldn.t connect with these settings/;

/** The dialog's verdict after a test: the success or failure banner's text. */
async function verdict(dialog, expected) {
	const failure = dialog.getByText(FAILURE).first();
	// The verdict expected (the banner of an earlier test may still show while this one runs).
	await dialog.getByText(expected).first().waitFor({ timeout: 60_000 }).catch(() => undefined);
	// A failure's message (n8n's words from the test) is folded behind "More details".
	if (await failure.isVisible().catch(() => false)) {
		await dialog.getByText('More details').first().click({ timeout: 5_000 }).catch(() => undefined);
		await dialog.page().waitForTimeout(500);
	}
	return (await dialog.innerText()).replace(/\s+/g, ' ');
}

async function saveWithKey(page, dialog, field, key, expected) {
	await page.getByTestId(`parameter-input-${field}`).locator('input').first().fill(key);
	// The Save button sits in the dialog's header, outside the element named credential-edit-dialog.
	await page.getByTestId('credential-save-button').first().click();
	// Saving empties the banner first; wait for the new test's verdict.
	await page.waitForTimeout(1_000);
	return await verdict(dialog, expected);
}

async function checkCase(context, check) {
	const { page, url, sims, problems } = context;
	const label = `${check.provider} credential test`;
	const goodKey = sims.simulators[check.simulator]?.credentialData?.[check.field];
	if (!goodKey) return problems.push(`${label}: no simulator key for ${check.field}`);
	await page.goto(`${url}/home/credentials`);
	await page.getByText(check.name, { exact: true }).first().click({ timeout: 60_000 });
	const dialog = page.getByTestId('credential-edit-dialog');
	await dialog.waitFor({ timeout: 30_000 });

	const refused = await saveWithKey(page, dialog, check.field, 'wrong-key-for-e2e', FAILURE);
	const wanted = `${check.provider} refused the key (HTTP 401): check the ${check.fieldLabel} of the credential`;
	if (!FAILURE.test(refused) || !refused.includes(wanted)) problems.push(`${label}: with a wrong key the dialog shows "${refused.slice(0, 300)}", expected the failure "${wanted}"`);
	else log(`  ${label}: a wrong key fails: "${wanted}"`);
	await page.screenshot({ path: path.join(CACHE, 'ui', `credential-${check.simulator}-refused.png`) }).catch(() => undefined);

	const accepted = await saveWithKey(page, dialog, check.field, goodKey, SUCCESS);
	if (!SUCCESS.test(accepted) || FAILURE.test(accepted)) problems.push(`${label}: with the simulator's key the dialog shows "${accepted.slice(0, 300)}", expected "Connection tested successfully"`);
	else log(`  ${label}: the simulator's key passes ("Connection tested successfully")`);
	await page.keyboard.press('Escape');
	await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	return undefined;
}

export async function checkCredentialTests(context) {
	// A run of the searches only (--node none) leaves the credentials alone.
	if (context.nodes.length === 0) return;
	for (const check of CASES) {
		try {
			await checkCase(context, check);
		} catch (error) {
			context.problems.push(`${check.provider} credential test: ${error.message.split('\n')[0]}`);
			await context.page.screenshot({ path: path.join(CACHE, 'ui', `failure-credential-${check.simulator}.png`) }).catch(() => undefined);
			await context.page.keyboard.press('Escape').catch(() => undefined);
		}
	}
}
