import type { IExecuteFunctions, ICheckProcessedOptions } from 'n8n-workflow';

import type { ContactRecord } from './types';

/**
 * n8n trims a record to its newest `maxEntries`; a contact trimmed away would be called again.
 * Five million covers the largest campaign this package is built for, several times over.
 */
export const SENT_BEFORE_MAX_ENTRIES = 5_000_000;

const OPTIONS: ICheckProcessedOptions = { mode: 'entries', maxEntries: SENT_BEFORE_MAX_ENTRIES };

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

/** Contacts being sent by an execution of this process right now, by record key. */
const inFlight = new Map<string, Promise<void>>();

/**
 * The record of contacts this node sent in earlier runs, in n8n's own de-duplication store
 * (its database: it holds across executions, restarts and queue-mode workers). A contact is
 * recorded only once the provider confirmed it, so a failed or unconfirmed contact is sent again.
 */
export class SentBeforeRecord {
	private readonly scope: string;

	private readonly held = new Set<string>();

	private release: () => void = () => undefined;

	private holding: Promise<void> | undefined;

	constructor(
		private readonly context: IExecuteFunctions,
		/** provider | account | target: the part of the key before the phone number. */
		private readonly prefix: string,
	) {
		this.scope = `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
	}

	keyOf(record: ContactRecord): string {
		return `${this.prefix}|${record.phones[0]}`;
	}

	/**
	 * Marks the contacts an earlier run sent as `already_sent`. In a real
	 * run, the others are held until `done()`: another execution of this process that wants to
	 * send one of them waits for this one to finish, then sees it as sent before.
	 */
	async skipSent(records: ContactRecord[], what: string, hold: boolean): Promise<void> {
		const keys = records.map((record) => this.keyOf(record));
		// Registered before the first await: an execution waits only for those registered before it.
		const waits = new Set<Promise<void>>();
		const done = hold ? new Promise<void>((resolve) => (this.release = resolve)) : undefined;
		this.holding = done;
		for (const key of keys) {
			const pending = inFlight.get(key);
			if (pending) waits.add(pending);
			if (done) {
				inFlight.set(key, done);
				this.held.add(key);
			}
		}
		await Promise.all(waits);
		const { processed } = await serialized(this.scope, async () => {
			const checked = await this.context.helpers.checkProcessedAndRecord(keys, 'node', OPTIONS);
			// Checking records what is new; it is not sent yet, so take that back at once.
			if (checked.new.length > 0) await this.context.helpers.removeProcessed(checked.new, 'node', OPTIONS);
			return checked;
		});
		if (processed.length === 0) return;
		const seen = new Set(processed.map(String));
		for (let i = 0; i < records.length; i++) {
			if (!seen.has(keys[i])) continue;
			records[i].status = 'already_sent';
			records[i].reason = `already sent to ${what} by an earlier run of this node (n8n's de-duplication record); not sent again`;
			records[i].batch = undefined;
		}
	}

	/** Records the contacts the provider confirmed. */
	async recordSent(records: ContactRecord[]): Promise<void> {
		const keys = records.filter((record) => record.status === 'sent').map((record) => this.keyOf(record));
		if (keys.length === 0) return;
		await serialized(this.scope, async () => await this.context.helpers.checkProcessedAndRecord(keys, 'node', OPTIONS));
	}

	/** Lets other executions of this process go on with the contacts this one held. */
	done(): void {
		for (const key of this.held) if (inFlight.get(key) === this.holding) inFlight.delete(key);
		this.held.clear();
		this.release();
	}

	/** Forgets every contact this node recorded (all its campaigns). */
	static async clear(context: IExecuteFunctions): Promise<void> {
		const scope = `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
		await serialized(scope, async () => await context.helpers.clearAllProcessedItems('node', OPTIONS));
	}
}
