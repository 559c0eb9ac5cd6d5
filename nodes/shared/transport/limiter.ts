import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/** What paces a provider's requests: waited on before each request, told about each 429. */
export interface Pacer {
	acquire(): Promise<void>;
	/** The provider answered 429 and asked for (about) this wait: everyone sharing the pacer pauses. */
	rateLimited(waitMs: number): void;
}

/**
 * Spaces requests so that at most `maxRequests` start within any `windowMs`. The limiter counts
 * when requests start; a provider counts when they arrive, and the first request of a window can
 * take longer to arrive than the one that opens the next: callers give a window with a margin.
 */
export class RateLimiter implements Pacer {
	private readonly starts: number[] = [];

	private pausedUntil = 0;

	constructor(
		readonly maxRequests: number,
		readonly windowMs: number,
	) {}

	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			while (this.starts.length > 0 && this.starts[0] <= now - this.windowMs) this.starts.shift();
			if (this.starts.length < this.maxRequests) {
				this.starts.push(now);
				return;
			}
			await sleep(this.starts[0] + this.windowMs - now + 1);
		}
	}

	rateLimited(waitMs: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + Math.max(0, waitMs));
	}
}

/** Who a limiter is shared by: one provider account, never the key itself (only its hash). */
export interface AccountKey {
	provider: string;
	baseUrl: string;
	/** The credential's secret; hashed, never kept. */
	secret: string;
}

const limiters = new Map<string, RateLimiter>();

/**
 * One limiter per provider account per n8n process: every execution and node instance of this
 * package in the process that uses the same account and budget waits on the same limiter.
 */
export function accountLimiter(account: AccountKey, maxRequests: number, windowMs: number): RateLimiter {
	const secretHash = createHash('sha256').update(account.secret).digest('hex').slice(0, 16);
	const key = `${account.provider}|${account.baseUrl}|${secretHash}|${maxRequests}/${windowMs}`;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(maxRequests, windowMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
