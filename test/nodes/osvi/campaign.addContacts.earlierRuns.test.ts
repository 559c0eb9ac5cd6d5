import { deduplicationStore } from '../../support/dedup-store';
import { AGENT, CAMPAIGN, contactRequests, json, mobiles, osvi, sim, statuses, useOsviSimulator } from './harness';

useOsviSimulator();

const people = (phones: string[]) => phones.map((phone, i) => ({ json: { name: `Person ${i}`, phone } }));
const storedPhones = () => sim.storedContacts(CAMPAIGN).map((contact) => contact.phone);
let workflow = 0;
const nextWorkflow = () => `earlier-runs-${++workflow}`;

describe('OSVI → Campaign → Add Contacts → contacts sent in earlier runs (on by default: OSVI stores a re-sent contact again)', () => {
	test('a re-run skips exactly the confirmed contacts, reports them already_sent, and stores nothing again', async () => {
		const workflowId = nextWorkflow();
		const first = await osvi({}, people(mobiles(3)), { workflowId });
		expect(statuses(first)).toEqual(['sent', 'sent', 'sent']);

		const second = await osvi({ options: { output: 'summary' } }, people([...mobiles(4)]), { workflowId });
		expect(second.output[0].json).toMatchObject({ total: 4, sent: 1, already_sent: 3 });
		expect(storedPhones()).toHaveLength(4);
		expect(new Set(storedPhones()).size).toBe(4);

		const third = await osvi({}, people(mobiles(4)), { workflowId });
		expect(statuses(third)).toEqual(['already_sent', 'already_sent', 'already_sent', 'already_sent']);
		expect(json(third)[0].reason).toBe("already sent to OSVI campaign 42 by an earlier run of this node (n8n's de-duplication record); not sent again");
		expect(contactRequests()).toHaveLength(2);
	});

	test('a failed batch and an unconfirmed one are sent again on the next run; the confirmed one is not', async () => {
		const workflowId = nextWorkflow();
		const items = people(mobiles(6));
		sim.injectFaults([{ kind: 'status', status: 409, body: { success: false, error: 'busy' } }, { kind: 'replaceAnswer', status: 201, rawBody: '{}' }], /contacts$/, 1);
		const first = await osvi({ options: { batchSize: 2 } }, items, { workflowId, continueOnFail: true });
		expect(statuses(first)).toEqual(['sent', 'sent', 'failed', 'failed', 'unconfirmed', 'unconfirmed']);

		sim.requests.length = 0;
		const second = await osvi({ options: { batchSize: 2 } }, items, { workflowId });
		expect(statuses(second)).toEqual(['already_sent', 'already_sent', 'sent', 'sent', 'sent', 'sent']);
		expect(contactRequests().map((request) => (request.body as { contacts: unknown[] }).contacts.length)).toEqual([2, 2]);
	});

	test('a batch that fails the run: the contacts confirmed before it are recorded all the same', async () => {
		const workflowId = nextWorkflow();
		const items = people(mobiles(6));
		sim.injectFaults([{ kind: 'status', status: 409, body: { success: false, error: 'busy' } }], /contacts$/, 1);
		const first = await osvi({ options: { batchSize: 2 } }, items, { workflowId });
		expect(first.error).toBeDefined();
		expect(storedPhones()).toHaveLength(2);

		const second = await osvi({ options: { batchSize: 2 } }, items, { workflowId });
		expect(statuses(second)).toEqual(['already_sent', 'already_sent', 'sent', 'sent', 'sent', 'sent']);
		expect(storedPhones()).toHaveLength(6);
	});

	test('new contacts behind a large record are not taken back from it (n8n scans the whole record for each one taken back)', async () => {
		const workflowId = nextWorkflow();
		const phones = mobiles(2_500);
		await osvi({ options: { output: 'summary' } }, people(phones.slice(0, 2_000)), { workflowId });
		const removedBefore = deduplicationStore.removedItems;
		const rerun = await osvi({ options: { output: 'summary' } }, people(phones), { workflowId });
		expect(rerun.output[0].json).toMatchObject({ total: 2_500, sent: 500, already_sent: 2_000 });
		expect(deduplicationStore.removedItems - removedBefore).toBe(0);
		expect(storedPhones()).toHaveLength(2_500);
	});

	test("two workers' first runs create n8n's record at once: the one whose insert fails checks again and goes on", async () => {
		const workflowId = nextWorkflow();
		deduplicationStore.loseNextInsertRace();
		const first = await osvi({}, people(mobiles(3)), { workflowId });
		expect(first.error).toBeUndefined();
		expect(statuses(first)).toEqual(['sent', 'sent', 'sent']);
		const again = await osvi({}, people(mobiles(3)), { workflowId });
		expect(statuses(again)).toEqual(['already_sent', 'already_sent', 'already_sent']);
	});

	test('two targets of one run in the same campaign (another agent): a contact the first sent is already sent for the second', async () => {
		const workflowId = nextWorkflow();
		sim.addAgent('agent_second');
		const [phone] = mobiles(1);
		const result = await osvi({ agentUuid: '={{ $json.agent }}' }, [
			{ json: { agent: AGENT, name: 'Ravi', phone } },
			{ json: { agent: 'agent_second', name: 'Ravi again', phone } },
		], { workflowId });
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual(['sent', 'already_sent']);
		expect(storedPhones()).toHaveLength(1);
	}, 15_000);

	test("another worker's stale write drops this run's confirmations: the run finds them missing at its end and writes them back", async () => {
		const workflowId = nextWorkflow();
		// Call 1 checks and marks the contacts; call 2 records their confirmations and is undone.
		deduplicationStore.loseWriteOfCall(2);
		const first = await osvi({}, people(mobiles(3)), { workflowId });
		expect(statuses(first)).toEqual(['sent', 'sent', 'sent']);
		const again = await osvi({}, people(mobiles(3)), { workflowId });
		expect(statuses(again)).toEqual(['already_sent', 'already_sent', 'already_sent']);
		expect(storedPhones()).toHaveLength(3);
	});

	test('Dry Run shows the contacts sent before and records nothing', async () => {
		const workflowId = nextWorkflow();
		await osvi({}, people(mobiles(2)), { workflowId });
		const dry = await osvi({ options: { dryRun: true } }, people(mobiles(3)), { workflowId });
		expect(statuses(dry)).toEqual(['already_sent', 'already_sent', 'ready']);
		const real = await osvi({}, people(mobiles(3)), { workflowId });
		expect(statuses(real)).toEqual(['already_sent', 'already_sent', 'sent']);
	});

	test('Skip Contacts Sent Before off sends them again (OSVI then stores them twice); Forget clears the record', async () => {
		const workflowId = nextWorkflow();
		await osvi({}, people(mobiles(2)), { workflowId });
		const again = await osvi({ options: { skipSentBefore: false } }, people(mobiles(2)), { workflowId });
		expect(statuses(again)).toEqual(['sent', 'sent']);
		expect(storedPhones()).toHaveLength(4);

		const forgotten = await osvi({ options: { clearSentBefore: true } }, people(mobiles(2)), { workflowId });
		expect(statuses(forgotten)).toEqual(['sent', 'sent']);
		// One record for the node: the two contacts' attempt marks and confirmations.
		const record = [...deduplicationStore.recordsOf(workflowId).values()];
		expect(record.map((entries) => entries.length)).toEqual([4]);
	});

	test('another campaign or another account is another record', async () => {
		const workflowId = nextWorkflow();
		sim.addCampaign(43);
		await osvi({}, people(mobiles(2)), { workflowId });
		const otherCampaign = await osvi({ campaignId: 43 }, people(mobiles(2)), { workflowId });
		expect(statuses(otherCampaign)).toEqual(['sent', 'sent']);
	});

	test('concurrent executions of one workflow in one process: a contact they share is sent once, and no record is lost', async () => {
		const workflowId = nextWorkflow();
		const shared = mobiles(30);
		const runs = await Promise.all(
			[0, 1, 2, 3, 4].map((n) => osvi({ options: { batchSize: 7 } }, people([...shared.slice(n * 4, n * 4 + 14)]), { workflowId })),
		);
		for (const run of runs) expect(run.error).toBeUndefined();
		expect(new Set(storedPhones()).size).toBe(storedPhones().length);
		const sentCount = runs.reduce((sum, run) => sum + statuses(run).filter((status) => status === 'sent').length, 0);
		expect(sentCount).toBe(storedPhones().length);

		expect(sentCount).toBe(30);
		// Every confirmed contact was recorded: a re-run of all of them sends nothing.
		const rerun = await osvi({}, people(shared), { workflowId });
		expect(new Set(statuses(rerun))).toEqual(new Set(['already_sent']));
		expect(storedPhones()).toHaveLength(30);
	});
});
