import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/** What paces a provider's requests: waited on before each request, told about each 429. */
export interface Pacer {
	acquire(): Promise<void>;
	/** The provider answered 429 and asked for (about) this wait: everyone sharing the pacer pauses. */
	rateLimited(waitMs: number): void;
}

/**
 * The limiter counts when requests start; a provider counts when they arrive, and the first
 * request of a window can take longer to arrive than the one that opens the next. The window is
 * therefore lengthened by this fraction: small enough that the pace stays within 5 % of the
 * provider's rate floor (the time its documented limit allows for the requests).
 */
export const SAFETY_MARGIN = 0.03;

/** Each 429 lengthens the window by this fraction more (the pace adapts down)… */
export const PENALTY_STEP = 0.25;

/** …up to this much (twice the window at most)… */
export const MAX_PENALTY = 1;

/** …and every window that passes without a 429 takes this fraction off again (back up). */
export const PENALTY_RECOVERY = 0.05;

/** What every limiter of one account shares: when its requests started, pauses, 429 penalty. */
interface AccountPace {
	starts: number[];
	pausedUntil: number;
	penalty: number;
	penaltyAt: number;
	/** The longest window any budget paced by: starts older than it no longer count. */
	longestWindowMs: number;
	/** Callers wait in line: the first to ask is the first to start. */
	line: Promise<void>;
}

const newPace = (): AccountPace => ({
	starts: [],
	pausedUntil: 0,
	penalty: 0,
	penaltyAt: 0,
	longestWindowMs: 0,
	line: Promise.resolve(),
});

/**
 * Lets at most `maxRequests` start within any window of `pacedWindowMs()`: the budget's window,
 * the safety margin and what 429s added. A 429 pauses everyone sharing the pace until the
 * provider's reset and lengthens the window; windows without a 429 shorten it again.
 */
export class RateLimiter implements Pacer {
	constructor(
		readonly maxRequests: number,
		readonly windowMs: number,
		private readonly pace: AccountPace = newPace(),
	) {}

	acquire(): Promise<void> {
		const turn = this.pace.line.then(async () => await this.waitForSlot());
		this.pace.line = turn.catch(() => undefined);
		return turn;
	}

	rateLimited(waitMs: number): void {
		const now = Date.now();
		this.pace.pausedUntil = Math.max(this.pace.pausedUntil, now + Math.max(0, waitMs));
		this.pace.penalty = Math.min(MAX_PENALTY, this.penaltyAt(now) + PENALTY_STEP);
		this.pace.penaltyAt = now;
	}

	/** The window requests are paced by now. */
	pacedWindowMs(now = Date.now()): number {
		return this.windowMs * (1 + SAFETY_MARGIN + this.penaltyAt(now));
	}

	private penaltyAt(now: number): number {
		const windowsSince = (now - this.pace.penaltyAt) / this.windowMs;
		return Math.max(0, this.pace.penalty - PENALTY_RECOVERY * Math.floor(windowsSince));
	}

	private async waitForSlot(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (now < this.pace.pausedUntil) {
				await sleep(this.pace.pausedUntil - now);
				continue;
			}
			const window = this.pacedWindowMs(now);
			const { starts } = this.pace;
			this.pace.longestWindowMs = Math.max(this.pace.longestWindowMs, window);
			while (starts.length > 0 && starts[0] <= now - this.pace.longestWindowMs) starts.shift();
			const firstInWindow = starts.findIndex((start) => start > now - window);
			const inWindow = firstInWindow === -1 ? 0 : starts.length - firstInWindow;
			if (inWindow < this.maxRequests) {
				starts.push(now);
				return;
			}
			// The start that must leave the window before another may begin.
			await sleep(starts[starts.length - this.maxRequests] + window - now + 1);
		}
	}
}

/** Who a limiter is shared by: one provider account, never the key itself (only its hash). */
export interface AccountKey {
	provider: string;
	baseUrl: string;
	/** The credential's secret; hashed, never kept. */
	secret: string;
}

const paces = new Map<string, AccountPace>();

/**
 * One pace per provider account per n8n process: every execution and node instance of this
 * package in the process that uses the same account waits in the same line and counts against
 * the same requests, whatever budget each of them sets (each caller's budget holds for the
 * account's requests as a whole).
 */
export function accountLimiter(account: AccountKey, maxRequests: number, windowMs: number): RateLimiter {
	const secretHash = createHash('sha256').update(account.secret).digest('hex').slice(0, 16);
	const key = `${account.provider}|${account.baseUrl}|${secretHash}`;
	let pace = paces.get(key);
	if (!pace) {
		pace = newPace();
		paces.set(key, pace);
	}
	return new RateLimiter(maxRequests, windowMs, pace);
}
