/** One provider's line in `npm run bench`: N contacts through its node, against its simulator. */
export interface ProviderBenchResult {
	provider: string;
	contacts: number;
	seconds: number;
	/** Requests the simulator received for the upload. */
	requests: number;
	/** 429 answers the node received (target: none while the rate limiter is on). */
	http429: number;
	/** e.g. "rate window shortened to 2 s". */
	note?: string;
}

export type ProviderBenchmark = () => Promise<ProviderBenchResult>;
