import { createHash } from 'crypto';

import { NodeOperationError, sleep } from 'n8n-workflow';
import type { ICheckProcessedOptions, IDeduplicationOutput, IExecuteFunctions } from 'n8n-workflow';

import type { ContactRecord } from './types';

/**
 * n8n trims a record to its newest `maxEntries`; a contact trimmed away would be called again.
 * A contact takes two entries (its attempt mark and its confirmation, see `ATTEMPT`): five
 * million entries hold 2,500,000 contacts per node, the largest campaign this package is built
 * for several times over (135 MB of JSON in n8n's database at most).
 */
export const SENT_BEFORE_MAX_ENTRIES = 5_000_000;

const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: SENT_BEFORE_MAX_ENTRIES };

/**
 * Besides each confirmed contact's key, the record holds an attempt mark (the key and this
 * suffix), written when a real run checked the contact before sending it. n8n's only check,
 * `checkProcessedAndRecord`, also records what it checks, and its `removeProcessed` looks each
 * key up from the start of the record (100,000 new contacts taken back from behind 100,000
 * recorded took 102 s). With the marks, a contact never attempted is known to be new from one
 * cheap pass, and its mark may stay: it is sent now. Only contacts attempted before are asked
 * about their confirmation, and only those of them never confirmed (a failed batch, a crashed
 * run) are taken back.
 */
const ATTEMPT = '|attempt';

/**
 * Confirmations are recorded once this many times the last recording's duration has passed since
 * it: recording costs at most about a tenth of the upload, however large the record grows, and a
 * crashed run loses only the confirmations of that time (one batch while the record is small).
 */
const RECORDING_SPACING = 10;

/**
 * Another queue-mode worker's write can drop what this execution recorded (n8n reads and writes
 * the whole record, with no lock). An upload of up to this many contacts (a webhook's lead, a
 * small sync: what runs many at once) checks its own entries again at its end, after a short
 * random pause, and writes back any that were dropped. It costs a pause and one more read and
 * write of the record: at 100,000 contacts against a fast simulator the first run took 1.61× the
 * upload without the record instead of 1.12–1.23×, so larger uploads do without it.
 */
const VERIFY_LIMIT = 10_000;

const VERIFY_ROUNDS = 5;

const VERIFY_PAUSE_MS = 300;

/**
 * n8n's de-duplication store reads a node's whole record, changes it and writes it back: two
 * executions in one process that record at once would lose one's entries. Calls on one record
 * are queued here, per workflow and node, so that cannot happen inside this n8n process.
 */
const queues = new Map<string, Promise<unknown>>();

function serialized<T>(scope: string, work: () => Promise<T>): Promise<T> {
	const previous = queues.get(scope) ?? Promise.resolve();
	const next = previous.then(work, work);
	const settled = next.catch(() => undefined);
	queues.set(scope, settled);
	void settled.then(() => {
		if (queues.get(scope) === settled) queues.delete(scope);
	});
	return next;
}

/** The record n8n keeps for this node of this workflow. */
function scopeOf(context: IExecuteFunctions): string {
	return `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
}

/**
 * n8n inserts a node's record on the first call that finds none. Two executions on different
 * queue-mode workers doing that at once: one insert fails on the table's primary key ("duplicate
 * key value violates unique constraint"; measured in `npm run e2e:queue`, the execution failed).
 * The row exists then: the same call again updates it.
 */
const FIRST_INSERT_RACE = /duplicate key|unique constraint/i;

async function checkAndRecord(context: IExecuteFunctions, keys: string[]): Promise<IDeduplicationOutput> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await context.helpers.checkProcessedAndRecord(keys, 'node', OPTIONS);
		} catch (error) {
			if (attempt < 3 && FIRST_INSERT_RACE.test((error as Error).message ?? '')) continue;
			throw new NodeOperationError(context.getNode(), error as Error, {
				description: "n8n's de-duplication record (Options → Skip Contacts Sent Before) could not be read or written",
			});
		}
	}
}

/**
 * An execution of this process sending contacts right now. Another execution that starts later
 * and shares contacts with it waits for it to finish; the lookup is built only then, so a lone
 * upload of a million contacts keeps no second index of them.
 */
interface Holding {
	keys: string[];
	lookup?: Set<string>;
	finished: Promise<void>;
}

const holdings = new Set<Holding>();

function sharesContacts(holding: Holding, keys: string[]): boolean {
	holding.lookup ??= new Set(holding.keys);
	const { lookup } = holding;
	return keys.some((key) => lookup.has(key));
}

/**
 * The record of contacts this node sent in earlier runs, in n8n's own de-duplication store
 * (its database: it holds across executions, restarts and queue-mode workers). A contact is
 * recorded only once the provider confirmed it, so a failed or unconfirmed contact is sent again.
 */
export class SentBeforeRecord {
	private readonly scope: string;

	/** Provider, account and target, hashed: n8n hashes each key anyway, and a short key is less memory per contact. */
	private readonly prefix: string;

	private holding: Holding | undefined;

	private release: () => void = () => undefined;

	/** Keys of confirmed contacts not recorded yet. */
	private confirmed: string[] = [];

	/** What this run added to the record (attempt marks and confirmations), while few enough to check again. */
	private written: string[] | undefined;

	private lastRecording = { tookMs: 0, endedAt: 0 };

	constructor(
		private readonly context: IExecuteFunctions,
		/** provider | account | target: the part of the key before the phone number. */
		target: string,
	) {
		this.scope = scopeOf(context);
		this.prefix = createHash('sha256').update(target).digest('base64').slice(0, 12);
	}

	private keyOf(record: ContactRecord): string {
		return `${this.prefix}|${record.phone}`;
	}

	/**
	 * Marks the contacts an earlier run sent as `already_sent`. In a real
	 * run, the others are held until `finish()`: another execution of this process that wants to
	 * send one of them waits for this one to finish, then sees it as sent before.
	 */
	async skipSent(records: ContactRecord[], what: string, hold: boolean): Promise<void> {
		const keys = records.map((record) => this.keyOf(record));
		// Registered before the first await: an execution waits only for those registered before it.
		const earlier = [...holdings];
		if (hold) {
			this.holding = { keys, finished: new Promise<void>((resolve) => (this.release = resolve)) };
			holdings.add(this.holding);
		}
		await Promise.all(earlier.filter((holding) => sharesContacts(holding, keys)).map((holding) => holding.finished));
		const confirmed = await serialized(this.scope, async () => await this.confirmedBefore(keys, hold));
		if (confirmed.size === 0) return;
		for (let i = 0; i < records.length; i++) {
			if (!confirmed.has(keys[i])) continue;
			records[i].status = 'already_sent';
			records[i].reason = `already sent to ${what} by an earlier run of this node (n8n's de-duplication record); not sent again`;
			records[i].batch = undefined;
		}
	}

	/** The keys the provider confirmed in an earlier run; a real run leaves the attempt marks of the rest. */
	private async confirmedBefore(keys: string[], realRun: boolean): Promise<Set<string>> {
		const { helpers } = this.context;
		const attempts = await checkAndRecord(this.context, keys.map((key) => `${key}${ATTEMPT}`));
		const confirmed = new Set<string>();
		if (attempts.processed.length > 0) {
			const attempted = attempts.processed.map((mark) => String(mark).slice(0, -ATTEMPT.length));
			const checked = await checkAndRecord(this.context, attempted);
			// Attempted, never confirmed: the check just recorded them as confirmed; take that back.
			if (checked.new.length > 0) await helpers.removeProcessed(checked.new, 'node', OPTIONS);
			for (const key of checked.processed) confirmed.add(String(key));
		}
		// A dry run sends nothing: its new marks go again.
		if (!realRun && attempts.new.length > 0) await helpers.removeProcessed(attempts.new, 'node', OPTIONS);
		if (realRun && keys.length <= VERIFY_LIMIT) this.written = attempts.new.map(String);
		return confirmed;
	}

	/** Notes the contacts the provider confirmed; they are recorded now or at a later batch (`RECORDING_SPACING`). */
	async recordSent(records: ContactRecord[]): Promise<void> {
		for (const record of records) if (record.status === 'sent') this.confirmed.push(this.keyOf(record));
		if (Date.now() - this.lastRecording.endedAt >= RECORDING_SPACING * this.lastRecording.tookMs) await this.record();
	}

	/** Records what is still noted, then lets other executions of this process go on with the contacts this one held. */
	async finish(): Promise<void> {
		try {
			await this.record();
			await this.checkWritten();
		} finally {
			if (this.holding) holdings.delete(this.holding);
			this.holding = undefined;
			this.release();
		}
	}

	private async record(): Promise<void> {
		if (this.confirmed.length === 0) return;
		const keys = this.confirmed;
		this.confirmed = [];
		if (this.written) for (const key of keys) this.written.push(key);
		const started = Date.now();
		await serialized(this.scope, async () => await checkAndRecord(this.context, keys));
		this.lastRecording = { tookMs: Date.now() - started, endedAt: Date.now() };
	}

	/** Writes back what another worker's write dropped of this run's entries (see `VERIFY_LIMIT`). */
	private async checkWritten(): Promise<void> {
		const written = this.written ?? [];
		this.written = undefined;
		for (let round = 0; round < VERIFY_ROUNDS && written.length > 0; round++) {
			await sleep(Math.random() * VERIFY_PAUSE_MS);
			const checked = await serialized(this.scope, async () => await checkAndRecord(this.context, written));
			if (checked.new.length === 0) return;
		}
	}

	/** Forgets every contact this node recorded (all its campaigns). */
	static async clear(context: IExecuteFunctions): Promise<void> {
		await serialized(scopeOf(context), async () => await context.helpers.clearAllProcessedItems('node', OPTIONS));
	}
}
