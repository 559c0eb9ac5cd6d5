/**
 * 200,000 contacts in one run, as input items and as one CSV file, through OSVI Add Contacts with
 * Summary output. Spreading an array of this size into a call (`push(...records)`) overflows V8's
 * stack at about 125,000 elements: this is the test that catches such a cliff. It checks results,
 * not time (speed and memory are measured by `npm run bench`).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { csvItem, type RunResult } from '../support/engine';
import { CAMPAIGN, osvi, sim, useOsviSimulator } from './osvi/harness';

const CONTACTS = 200_000;
/** Contacts from this index on repeat the numbers of the first 10,000 (written another way). */
const DISTINCT = 190_000;

/**
 * Contact i: a distinct Indian mobile for i < 190,000, in one of three formats; contacts from
 * 190,000 on repeat contact i − 190,000's number in a different format; every hundredth has no
 * readable number. Expected: 2,000 invalid, 9,900 duplicates, 188,100 sent in 19 requests.
 */
function contact(i: number): { name: string; phone: string; plan: string } {
	const digits = `9${String(100_000_000 + (i % DISTINCT))}`;
	const phone = i % 100 === 99 ? 'n/a' : [digits, `+91 ${digits}`, `0${digits}`][i % 3];
	return { name: `Contact ${i}`, phone, plan: i % 2 ? 'Pro' : 'Basic' };
}

const EXPECTED = { invalid: 2_000, duplicate: 9_900, sent: 188_100, requests: 19 };

useOsviSimulator();

/** OSVI Add Contacts with Summary output: one item, whatever the number of contacts. */
const addContacts = (parameters: IDataObject, items: INodeExecutionData[]): Promise<RunResult> =>
	osvi({ ...parameters, options: { output: 'summary' } }, items);

function expectEveryContactAccountedFor(result: RunResult, itemIndexOf: (i: number) => number, rowOf: (i: number) => number | null) {
	expect(result.error?.message).toBeUndefined();
	expect(result.output).toHaveLength(1);
	const summary = result.output[0].json;
	expect(summary).toMatchObject({ total: CONTACTS, sent: EXPECTED.sent, duplicate: EXPECTED.duplicate, invalid: EXPECTED.invalid, failed: 0 });
	expect(summary.batches).toHaveLength(EXPECTED.requests);

	const notSent = summary.notSent as IDataObject[];
	expect(notSent).toHaveLength(EXPECTED.invalid + EXPECTED.duplicate);
	// Of each pair the later contact has the longer name, so OSVI's rule keeps it.
	const firstDuplicate = notSent.find((entry) => entry.status === 'duplicate')!;
	expect(firstDuplicate).toMatchObject({ itemIndex: itemIndexOf(0), row: rowOf(0), phone: '+919100000000' });
	expect(firstDuplicate.duplicateOf).toMatchObject({ itemIndex: itemIndexOf(DISTINCT), row: rowOf(DISTINCT) });

	const stored = sim.storedContacts(CAMPAIGN);
	expect(stored).toHaveLength(EXPECTED.sent);
	expect(new Set(stored.map((entry) => entry.phone)).size).toBe(EXPECTED.sent);
	expect(sim.received('POST', /^\/v1\/campaigns\/\d+\/contacts$/)).toHaveLength(EXPECTED.requests);
}

describe(`OSVI Add Contacts at ${CONTACTS.toLocaleString('en-US')} contacts (Summary output)`, () => {
	test('as input items: every contact accounted for, no stack overflow', async () => {
		const items = Array.from({ length: CONTACTS }, (_, i) => ({ json: contact(i) }));
		const result = await addContacts({}, items);
		expectEveryContactAccountedFor(result, (i) => i, () => null);
	}, 300_000);

	test('as one CSV file: every row accounted for, no stack overflow', async () => {
		const lines = ['name,phone,plan'];
		for (let i = 0; i < CONTACTS; i++) {
			const { name, phone, plan } = contact(i);
			lines.push(`${name},${phone},${plan}`);
		}
		const result = await addContacts({ contactSource: 'csv' }, [csvItem(lines.join('\n'))]);
		expectEveryContactAccountedFor(result, () => 0, (i) => i + 1);
	}, 300_000);
});
