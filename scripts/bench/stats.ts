/** Medians with their spread, and child processes whose peak RSS is their own. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';

export interface Spread {
	median: number;
	min: number;
	max: number;
	runs: number;
}

export function spread(values: number[]): Spread {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

export const fmt = (n: number, digits = 0) =>
	n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "1.23 (1.10–1.40, 3 runs)": the median, then the range of the runs. */
export function showSpread(s: Spread, digits: number, unit = ''): string {
	return `${fmt(s.median, digits)}${unit} (${fmt(s.min, digits)}–${fmt(s.max, digits)}, ${s.runs} runs)`;
}

/** Peak RSS of this process so far, in MiB. */
export function peakRssMiB(): number {
	return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs `bench.js --child <args>` in a fresh Node process and resolves with the JSON it writes.
 * Asynchronous, so that a simulator in this process keeps answering the child's requests.
 */
export function runChild<T>(script: string, args: string[]): Promise<T> {
	return new Promise((resolve, reject) => {
		const child = execFile(process.execPath, [script, '--child', ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }, (error, stdout) => {
			if (error) reject(error);
			else resolve(JSON.parse(stdout) as T);
		});
		child.stderr?.pipe(process.stderr);
	});
}

/** Writes a child's answer synchronously: the parent reads it from a pipe and the child exits. */
export function answer(value: unknown): void {
	fs.writeSync(1, JSON.stringify(value));
}
