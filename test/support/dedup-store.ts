/**
 * A stand-in for n8n's de-duplication store (packages/cli DeduplicationHelper over the
 * processed_data table, n8n 1.123 and 2.41): one record per workflow and context (`n:<node id>`
 * for scope "node"), kept as the JSON text the database row holds, in a temporary file (a
 * database keeps it outside n8n's memory, and so does this), items as md5
 * base64 hashes, `maxEntries` trimming the oldest, and every change a read-modify-write with an
 * await in between, as the database round trips are. It costs what n8n's costs: every call parses
 * and writes the whole record, a check builds a Set of it, and `removeProcessed` looks each item
 * up from the start of the list and splices it out. Mode "entries" only: the one this package uses.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

const hash = (value: DeduplicationItemTypes) => createHash('md5').update(value.toString()).digest('base64');

/** A database round trip. */
const roundTrip = async () => await new Promise((resolve) => setImmediate(resolve));

export class InMemoryDeduplicationStore implements IDataDeduplicator {
	/** workflow id | context → the file holding the recorded hashes, oldest first, as JSON (processed_data.value.data). */
	private readonly rows = new Map<string, string>();

	private directory: string | undefined;

	private files = 0;

	/** Items taken back by `removeProcessed` so far (each one a scan of the record in n8n). */
	removedItems = 0;

	private insertRaces = 0;

	/** Counts down to the call whose write another worker's stale write undoes (0: none). */
	private lostWriteIn = 0;

	/**
	 * The write of the n-th `checkProcessedAndRecord` from now is undone, as when another
	 * queue-mode worker read the record before it and wrote its own copy back after it.
	 */
	loseWriteOfCall(n: number): void {
		this.lostWriteIn = n;
	}

	/**
	 * The next insert loses a race with another queue-mode worker's: that worker's row appears
	 * first and this insert fails on the primary key, as PostgreSQL answers it.
	 */
	loseNextInsertRace(): void {
		this.insertRaces++;
	}

	/** The hashes recorded for a workflow's nodes (`workflow id | context` → hashes). */
	recordsOf(workflowId: string): Map<string, string[]> {
		const records = new Map<string, string[]>();
		for (const key of this.rows.keys()) if (key.startsWith(`${workflowId}|`)) records.set(key, this.read(key)!);
		return records;
	}

	/** The size of the JSON the database would hold for a workflow's records. */
	rowBytesOf(workflowId: string): number {
		let bytes = 0;
		for (const [key, file] of this.rows) if (key.startsWith(`${workflowId}|`)) bytes += fs.statSync(file).size;
		return bytes;
	}

	private read(key: string): string[] | undefined {
		const file = this.rows.get(key);
		return file === undefined ? undefined : (JSON.parse(fs.readFileSync(file, 'utf8')) as string[]);
	}

	private write(key: string, entries: string[]): void {
		if (!this.directory) {
			const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dedup-store-'));
			process.on('exit', () => fs.rmSync(directory, { recursive: true, force: true }));
			this.directory = directory;
		}
		const file = this.rows.get(key) ?? path.join(this.directory, `${++this.files}.json`);
		fs.writeFileSync(file, JSON.stringify(entries));
		this.rows.set(key, file);
	}

	private delete(key: string): void {
		const file = this.rows.get(key);
		if (file) fs.rmSync(file, { force: true });
		this.rows.delete(key);
	}

	private key(scope: DeduplicationScope, contextData: ICheckProcessedContextData): string {
		if (scope === 'node' && !contextData.node) throw new Error("No node information has been provided and so cannot use scope 'node'");
		return `${String(contextData.workflow.id)}|${scope === 'node' ? `n:${contextData.node!.id}` : ''}`;
	}

	private check(options: ICheckProcessedOptions): void {
		if (options.mode !== 'entries') throw new Error('the stand-in store supports mode "entries" only');
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		this.check(options);
		const key = this.key(scope, contextData);
		const existing = this.read(key);
		const before = this.lostWriteIn > 0 && existing ? [...existing] : undefined;
		await roundTrip();
		if (!existing && this.insertRaces > 0) {
			this.insertRaces--;
			this.write(key, []);
			throw new Error('duplicate key value violates unique constraint "PK_ca04b9d8dc72de268fe07a65773"');
		}
		const stored = existing ?? [];
		// Built once, as n8n does: an item twice in one call is new twice.
		const present = new Set(stored);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		items.forEach((item) => {
			const hashed = hash(item);
			if (present.has(hashed)) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				stored.push(hashed);
			}
		});
		if (options.maxEntries) stored.splice(0, Math.max(0, stored.length - options.maxEntries));
		const lost = this.lostWriteIn > 0 && --this.lostWriteIn === 0;
		// The stale copy holds what the record held when this call read it.
		if (!lost) this.write(key, stored);
		else if (before) this.write(key, before);
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		contextData: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<void> {
		this.check(options);
		const key = this.key(scope, contextData);
		const stored = this.read(key);
		if (!stored) return;
		await roundTrip();
		this.removedItems += items.length;
		for (const item of items.map(hash)) {
			const index = stored.findIndex((entry) => entry === item);
			if (index !== -1) stored.splice(index, 1);
		}
		this.write(key, stored);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		await roundTrip();
		this.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData, options: ICheckProcessedOptions): Promise<number> {
		this.check(options);
		await roundTrip();
		return this.read(this.key(scope, contextData))?.length ?? 0;
	}
}

/** The store every engine run in this test process uses (n8n's service is a process singleton). */
export const deduplicationStore = new InMemoryDeduplicationStore();

let initialized = false;

export async function initDeduplicationStore(): Promise<void> {
	if (initialized) return;
	initialized = true;
	await DataDeduplicationService.init(deduplicationStore);
}
