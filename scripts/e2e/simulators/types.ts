/**
 * One provider simulator as the e2e run uses it. Every file in scripts/e2e/simulators/ other than
 * types.ts and server.ts default-exports one of these; the e2e runner bundles them all, so a new
 * provider plugs in by adding a file here (no change to the runner).
 */
import type { Simulator } from '../../../test/simulators/base';

export interface E2eSimulator<S extends Simulator = Simulator> {
	/** Key used in expectation files (`seed`, `requests`, `state`), e.g. "osvi". */
	name: string;
	/** The n8n credential type this simulator stands in for; example credentials of this type get its Base URL. */
	credentialType: string;
	/** A fresh simulator (no state). */
	create(): S;
	/** The credential's data pointing at the simulator (the secret it accepts and `baseUrl`). */
	credentialData(baseUrl: string): Record<string, unknown>;
	/** Applies an example's seed (campaigns, agents, lists…) from its expectation file. */
	seed?(simulator: S, seed: unknown): void;
	/** A JSON snapshot of what the simulator holds after the run, for expectations on its state. */
	state?(simulator: S): unknown;
	/**
	 * For trigger examples: the provider calls n8n back. Sends `event` to the webhook n8n registered
	 * with this simulator when the workflow was activated (signed as the provider signs it) and
	 * returns n8n's answer. Used when an expectation file says "webhook": {"via": "<name>", "body": …}.
	 * `context.webhookUrl` is the production URL n8n registered for the trigger (for providers with
	 * no webhook API it stands for the URL a user pastes into the provider's settings);
	 * `context.headers` replace the provider's own headers (to send a forged signature).
	 */
	deliver?(simulator: S, event: unknown, context: DeliveryContext): Promise<{ status: number; body: unknown }>;
}

export interface DeliveryContext {
	/** n8n's production URL of the trigger's webhook. */
	webhookUrl?: string;
	/** Headers to send instead of (or besides) the provider's own, from the expectation file. */
	headers?: Record<string, string>;
}

export function defineSimulator<S extends Simulator>(simulator: E2eSimulator<S>): E2eSimulator<S> {
	return simulator;
}
