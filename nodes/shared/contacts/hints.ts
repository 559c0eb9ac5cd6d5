import type { NodeExecutionHint } from 'n8n-workflow';

/**
 * Above this many contacts, one output item per contact makes a run whose data n8n has to hold,
 * save and show: at 500,000 it took 2.7 GiB against 1.2 GiB with Summary output, and at 1,000,000
 * the run became too large for n8n to print. Summary output carries only the contacts not sent.
 */
export const PER_CONTACT_OUTPUT_LIMIT = 100_000;

/** The upload's Output option: one item per contact (the default) or a single summary item. */
export type UploadOutput = 'perContact' | 'summary';

/**
 * The execution hints of an upload (for `this.addExecutionHints`): a recommendation of Summary
 * output when one item per contact would be over PER_CONTACT_OUTPUT_LIMIT items.
 */
export function uploadExecutionHints(contacts: number, output: UploadOutput | undefined): NodeExecutionHint[] {
	if (output === 'summary' || !(contacts > PER_CONTACT_OUTPUT_LIMIT)) return [];
	const count = contacts.toLocaleString('en-US');
	return [
		{
			type: 'warning',
			location: 'outputPane',
			message: `This upload produced ${count} items, one per contact. Above ${PER_CONTACT_OUTPUT_LIMIT.toLocaleString('en-US')} contacts, set Options → Output to Summary: one item with the counts and every contact that was not sent, so that n8n does not have to hold and save ${count} items.`,
		},
	];
}
