import { createHash } from 'crypto';

import { sleep } from 'n8n-workflow';

/** What paces a provider's requests: waited on before each request, told about each 429. */
export interface Pacer {
	/** Resolves when the request may start, with what to call once its answer (or failure) came. */
	acquire(): Promise<() => void>;
	/** The provider answered 429 and asked for (about) this wait: everyone sharing the pacer pauses. */
	rateLimited(waitMs: number): void;
}

/**
 * A provider counts a request when it arrives; the limiter cannot see that moment, only that it
 * lies between the request's start and its answer. So a request counts from its start until one
 * window after its answer: whatever the provider's window (a fixed one opened by an arrival, a
 * clock-aligned minute, a sliding one), no more than the budget can arrive inside it. Counting
 * from the start alone let a slow first request open the provider's window late, and the next
 * window's requests land in it (2 × 429 in ten concurrent executions). Since the answer comes
 * after the arrival, no margin proportional to the window is needed: this one covers only
 * `Date.now()`'s whole milliseconds (a 1 % margin cost 1 % of the pace, 600 ms a minute).
 * What remains lost is one answer's latency per window.
 */
export const SAFETY_MARGIN_MS = 2;

/** Each 429 lengthens the window by this fraction more (the pace adapts down)… */
export const PENALTY_STEP = 0.25;

/** …up to this much (twice the window at most)… */
export const MAX_PENALTY = 1;

/** …and every window that passes without a 429 takes this fraction off again (back up). */
export const PENALTY_RECOVERY = 0.05;

/** What every limiter of one account shares: its requests, pauses, 429 penalty. */
interface AccountPace {
	/** Requests started and not answered yet: they count in every window. */
	inFlight: number;
	/** When each answered request was answered, oldest first. */
	answered: number[];
	/** Resolved (and replaced) whenever a request is answered. */
	answer: { promise: Promise<void>; resolve: () => void };
	pausedUntil: number;
	penalty: number;
	penaltyAt: number;
	/** The longest window any budget paced by: answers older than it no longer count. */
	longestWindowMs: number;
	/** Callers wait in line: the first to ask is the first to start. */
	line: Promise<void>;
}

function nextAnswer(): AccountPace['answer'] {
	let resolve: () => void = () => undefined;
	const promise = new Promise<void>((done) => (resolve = done));
	return { promise, resolve };
}

const newPace = (): AccountPace => ({
	inFlight: 0,
	answered: [],
	answer: nextAnswer(),
	pausedUntil: 0,
	penalty: 0,
	penaltyAt: 0,
	longestWindowMs: 0,
	line: Promise.resolve(),
});

/**
 * Lets at most `maxRequests` requests be unanswered or answered within the last
 * `pacedWindowMs()` (the budget's window, what 429s added and the clock's margin) when one starts.
 * A 429 pauses everyone sharing the pace until the provider's reset and lengthens the window;
 * windows without a 429 shorten it again.
 */
export class RateLimiter implements Pacer {
	constructor(
		readonly maxRequests: number,
		readonly windowMs: number,
		private readonly pace: AccountPace = newPace(),
	) {}

	acquire(): Promise<() => void> {
		const turn = this.pace.line.then(async () => await this.waitForSlot());
		this.pace.line = turn.then(
			() => undefined,
			() => undefined,
		);
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
		return this.windowMs * (1 + this.penaltyAt(now)) + SAFETY_MARGIN_MS;
	}

	private penaltyAt(now: number): number {
		const windowsSince = (now - this.pace.penaltyAt) / this.windowMs;
		return Math.max(0, this.pace.penalty - PENALTY_RECOVERY * Math.floor(windowsSince));
	}

	/** Ends a request's flight: from now it counts for one window more. Only the first call counts. */
	private releaser(): () => void {
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const pace = this.pace;
			pace.inFlight--;
			pace.answered.push(Date.now());
			const { resolve } = pace.answer;
			pace.answer = nextAnswer();
			resolve();
		};
	}

	private async waitForSlot(): Promise<() => void> {
		const pace = this.pace;
		for (;;) {
			const now = Date.now();
			if (now < pace.pausedUntil) {
				await sleep(pace.pausedUntil - now);
				continue;
			}
			const window = this.pacedWindowMs(now);
			const { answered } = pace;
			pace.longestWindowMs = Math.max(pace.longestWindowMs, window);
			while (answered.length > 0 && answered[0] <= now - pace.longestWindowMs) answered.shift();
			const firstInWindow = answered.findIndex((at) => at > now - window);
			const answeredInWindow = firstInWindow === -1 ? 0 : answered.length - firstInWindow;
			const counted = pace.inFlight + answeredInWindow;
			if (counted < this.maxRequests) {
				pace.inFlight++;
				return this.releaser();
			}
			// Another may start once enough answers left the window, or (if the requests in flight
			// alone fill the budget) once one of them is answered.
			const mustLeave = counted - this.maxRequests + 1;
			if (mustLeave <= answeredInWindow) {
				await sleep(answered[firstInWindow + mustLeave - 1] + window - now + 1);
			} else {
				await pace.answer.promise;
			}
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
