/**
 * A stand-in for n8n's de-duplication store (packages/cli DeduplicationHelper over the
 * processed_data table), kept in memory: one record per workflow and context (`n:<node id>` for
 * scope "node"), items kept as md5 base64 hashes, `maxEntries` trimming the oldest, and every
 * change a read-modify-write with an await in between, as the database round trips are. Mode
 * "entries" only: the one this package uses.
 */
import { createHash } from 'node:crypto';

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
	/** workflow id | context → the recorded hashes, oldest first (what processed_data.value.data holds). */
	readonly records = new Map<string, string[]>();

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
		const stored = [...(this.records.get(key) ?? [])];
		await roundTrip();
		const present = new Set(stored);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		items.forEach((item) => {
			const hashed = hash(item);
			if (present.has(hashed)) {
				output.processed.push(item);
			} else {
				output.new.push(item);
				stored.push(hashed);
				present.add(hashed);
			}
		});
		if (options.maxEntries) stored.splice(0, Math.max(0, stored.length - options.maxEntries));
		this.records.set(key, stored);
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
		const current = this.records.get(key);
		if (!current) return;
		const stored = [...current];
		await roundTrip();
		const removed = new Set(items.map(hash));
		this.records.set(
			key,
			stored.filter((entry) => !removed.has(entry)),
		);
	}

	async clearAllProcessedItems(scope: DeduplicationScope, contextData: ICheckProcessedContextData): Promise<void> {
		await roundTrip();
		this.records.delete(this.key(scope, contextData));
	}

	async getProcessedDataCount(scope: DeduplicationScope, contextData: ICheckProcessedContextData, options: ICheckProcessedOptions): Promise<number> {
		this.check(options);
		await roundTrip();
		return this.records.get(this.key(scope, contextData))?.length ?? 0;
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
