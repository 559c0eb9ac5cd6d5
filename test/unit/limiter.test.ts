/**
 * The shared rate limiter with real, short windows. Assertions are on counts per window and on
 * order, taken from the moment each acquire() resolved (a microtask after the limiter recorded the
 * start, so the same millisecond), never on how fast anything ran.
 */
import { inspect } from 'node:util';

import {
	MAX_PENALTY,
	PENALTY_RECOVERY,
	PENALTY_STEP,
	RateLimiter,
	SAFETY_MARGIN_MS,
	accountLimiter,
} from '../../nodes/shared/transport/limiter';

/**
 * Acquires `count` times at once (as concurrent executions do), each request answered at once
 * (or after `answerMs`); returns when each one started.
 */
async function startAll(limiters: RateLimiter[], count: number, answerMs = 0): Promise<Array<{ at: number; caller: number }>> {
	const starts: Array<{ at: number; caller: number }> = [];
	await Promise.all(
		Array.from({ length: count }, async (_, caller) => {
			const answered = await limiters[caller % limiters.length].acquire();
			starts.push({ at: Date.now(), caller });
			if (answerMs > 0) await new Promise((resolve) => setTimeout(resolve, answerMs));
			answered();
		}),
	);
	return starts;
}

/** One request, answered at once. */
async function once(limiter: RateLimiter): Promise<void> {
	(await limiter.acquire())();
}

/** The most starts inside any window of `windowMs` (a window opening at each start). */
function mostInAnyWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let i = 0; i < sorted.length; i++) {
		let j = i;
		while (j < sorted.length && sorted[j] < sorted[i] + windowMs) j++;
		most = Math.max(most, j - i);
	}
	return most;
}

const account = (secret: string, provider = 'truedy') => ({ provider, baseUrl: 'http://127.0.0.1:1/api', secret });

describe('RateLimiter', () => {
	it('lets at most maxRequests start within any paced window, however many callers wait', async () => {
		const limiter = new RateLimiter(3, 120);
		const starts = await startAll([limiter], 14);
		expect(starts).toHaveLength(14);
		const times = starts.map((start) => start.at);
		// Never more than three in the budget's window (measured where acquire() resolved, which on a
		// busy machine can lag the limiter's own clock: hence the budget's window, not the paced one),
		// and the three a window allows are used.
		expect(mostInAnyWindow(times, 120)).toBe(3);
	});

	it('serves callers in the order they asked', async () => {
		const limiter = new RateLimiter(2, 60);
		const starts = await startAll([limiter], 9);
		expect(starts.map((start) => start.caller)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('paces within 5 % of the provider rate floor while no 429 came', () => {
		const limiter = new RateLimiter(100, 60_000);
		expect(limiter.pacedWindowMs()).toBeGreaterThan(60_000);
		expect(limiter.pacedWindowMs()).toBeLessThanOrEqual(60_000 * 1.05);
	});

	it('pauses every waiting caller until the reset a 429 asked for', async () => {
		const limiter = new RateLimiter(100, 1000);
		await once(limiter);
		const limitedAt = Date.now();
		limiter.rateLimited(150);
		const starts = await startAll([limiter], 5);
		for (const start of starts) expect(start.at).toBeGreaterThanOrEqual(limitedAt + 150);
	});

	it('adapts down after a 429 and back up as windows pass without one', async () => {
		const windowMs = 100;
		const limiter = new RateLimiter(2, windowMs);
		const base = windowMs + SAFETY_MARGIN_MS;
		limiter.rateLimited(0);
		limiter.rateLimited(0);
		const now = Date.now();
		expect(limiter.pacedWindowMs(now)).toBeCloseTo(base + 2 * PENALTY_STEP * windowMs, 5);
		// Two and a half windows later, two windows' recovery; after many, the base pace again.
		expect(limiter.pacedWindowMs(now + 2.5 * windowMs)).toBeCloseTo(base + (2 * PENALTY_STEP - 2 * PENALTY_RECOVERY) * windowMs, 5);
		expect(limiter.pacedWindowMs(now + 100 * windowMs)).toBeCloseTo(base, 5);
		// However many 429s, the window at most doubles (plus the margin).
		for (let i = 0; i < 20; i++) limiter.rateLimited(0);
		expect(limiter.pacedWindowMs()).toBeCloseTo(base + MAX_PENALTY * windowMs, 5);
	});

	it('spaces requests by the lengthened window after a 429', async () => {
		const windowMs = 80;
		const limiter = new RateLimiter(2, windowMs);
		limiter.rateLimited(0);
		const starts = await startAll([limiter], 6);
		// Six starts span at most a few windows: at least 1 + 0.25 - 3 × 0.05 of a window apart per pair.
		const slowest = windowMs * (1 + PENALTY_STEP - 3 * PENALTY_RECOVERY) + SAFETY_MARGIN_MS - 1;
		expect(mostInAnyWindow(starts.map((start) => start.at), slowest)).toBe(2);
	});
});

describe('accountLimiter', () => {
	it('shares one pace between every execution and node of one account in the process', async () => {
		const secret = `key-${Math.random()}`;
		const first = accountLimiter(account(secret), 2, 100);
		const second = accountLimiter(account(secret), 2, 100);
		expect(second).not.toBe(first);
		const starts = await startAll([first, second], 8);
		// Two callers, one budget: at most 2 starts a window between them, in the order asked.
		expect(mostInAnyWindow(starts.map((start) => start.at), 100)).toBe(2);
		expect(starts.map((start) => start.caller)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('shares a 429 pause and slow-down between them', async () => {
		const secret = `key-${Math.random()}`;
		const first = accountLimiter(account(secret), 50, 1000);
		const second = accountLimiter(account(secret), 50, 1000);
		const limitedAt = Date.now();
		first.rateLimited(120);
		expect(second.pacedWindowMs()).toBeCloseTo(first.pacedWindowMs(), 5);
		expect(second.pacedWindowMs()).toBeGreaterThan(1000 + SAFETY_MARGIN_MS);
		await once(second);
		expect(Date.now()).toBeGreaterThanOrEqual(limitedAt + 120);
	});

	it('holds each caller to its own budget over the account as a whole', async () => {
		const secret = `key-${Math.random()}`;
		const lax = accountLimiter(account(secret), 5, 150);
		const strict = accountLimiter(account(secret), 2, 150);
		await once(lax);
		const firstAnswer = Date.now();
		await once(lax);
		await once(lax);
		// Three requests of the account answered in this window: the strict caller (2 a window) waits
		// until the oldest two have left it.
		await once(strict);
		expect(Date.now()).toBeGreaterThanOrEqual(firstAnswer + 150 + SAFETY_MARGIN_MS - 1);
	});

	it('keeps accounts apart: another key, Base URL or provider has its own pace', async () => {
		const secret = `key-${Math.random()}`;
		const limiters = [
			accountLimiter(account(secret), 1, 10_000),
			accountLimiter(account(`${secret}-other`), 1, 10_000),
			accountLimiter({ ...account(secret), baseUrl: 'http://127.0.0.1:2/api' }, 1, 10_000),
			accountLimiter(account(secret, 'voiceGenie'), 1, 10_000),
		];
		// Each has room for one request at once; a shared pace would make the others wait 10 s.
		const starts = await startAll(limiters, 4);
		expect(mostInAnyWindow(starts.map((start) => start.at), 1000)).toBe(4);
	});

	it('counts a request until its answer: a slow answer keeps the next window\'s requests waiting', async () => {
		const limiter = new RateLimiter(2, 100);
		const slow = await limiter.acquire();
		const fast = await limiter.acquire();
		fast();
		await new Promise((resolve) => setTimeout(resolve, 250));
		// Two windows since both started, but the slow one is still unanswered: one slot only.
		const third = await limiter.acquire();
		let fourthStarted = false;
		const fourth = limiter.acquire().then((answered) => {
			fourthStarted = true;
			return answered;
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(fourthStarted).toBe(false);
		const slowAnsweredAt = Date.now();
		slow();
		third();
		(await fourth)();
		// The slow request, answered now, counts for a whole window from its answer.
		expect(Date.now()).toBeGreaterThanOrEqual(slowAnsweredAt + 100 + SAFETY_MARGIN_MS - 1);
	});

	it('never keeps the key itself', () => {
		const secret = 'sk_live_do_not_keep_me_123456';
		const limiter = accountLimiter(account(secret), 10, 1000);
		expect(inspect(limiter, { depth: 10, showHidden: true })).not.toContain(secret);
	});
});
