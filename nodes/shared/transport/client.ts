import { createHash } from 'crypto';

import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { requestError, unreadableAnswerError, type ErrorContext, type ProviderErrorWords } from './errors';
import { DEFAULT_RETRY_POLICY, sendWithRetry, type SendResult } from './http';
import { accountLimiter, type Pacer } from './limiter';
import { secretScrubber } from './redact';

/** Everything one provider's transport is: the rest is shared. */
export interface ProviderClientConfig extends ProviderErrorWords {
	credentialType: string;
	/** The documented API host; empty when every account has its own (the Base URL is then required). */
	defaultBaseUrl: string;
	/** Credential fields holding secrets: never shown, and scrubbed from whatever the provider answers. */
	secretFields: string[];
	/** The provider's "retry at" hint in an error body, in ms from now. */
	retryAfterFromBody?: (body: unknown) => number | undefined;
	/** The documented rate limit: the default of the Rate Limit options; absent, the options are not offered. */
	rateLimit?: { requests: number; windowSeconds: number; documented: string };
	/** Default of the Request Timeout option, in seconds. */
	timeoutSeconds?: number;
	/** A credential mistake that can be seen before sending: its error message and description. */
	checkCredentials?: (credentials: IDataObject) => { message: string; description: string } | undefined;
	/** How repeated query parameters are written. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
}

export interface ClientRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject | Buffer;
	qs?: IDataObject;
	headers?: Record<string, string>;
	/**
	 * `unsafe` for a request the provider would act on twice (it stores every upload again, or
	 * creates a second campaign): retried only where it cannot have reached the provider.
	 */
	repeat?: 'safe' | 'unsafe';
}

/** A provider as one execution talks to it: the credential read once, options resolved once. */
export interface ProviderSession {
	readonly provider: string;
	/** Which account this is, as a hash of the Base URL and the key (never the key itself). */
	readonly accountKey: string;
	/** Sends a request, paced and retried; never throws for an HTTP status. */
	send(request: ClientRequest): Promise<SendResult>;
	/** Sends a request and returns its JSON body; a failure, or a 2xx it cannot read, throws a NodeApiError. */
	request(request: ClientRequest, extra?: ErrorContext & { emptyAnswer?: 'allowed' }): Promise<IDataObject | IDataObject[]>;
	/** The NodeApiError for a result that did not succeed. */
	error(result: SendResult, extra?: ErrorContext): Error;
	/** Replaces the credential's secrets in a value built from the provider's text. */
	scrub<T>(value: T): T;
}

/** Where a session is opened: a node's execution, or the editor loading a list (listSearch). */
export type ClientContext = IExecuteFunctions | ILoadOptionsFunctions;

/** The Options collection as set on the node: per execution, or as the editor currently shows it. */
function requestOptionsOf(context: ClientContext): RequestOptions {
	const chosen =
		'getCurrentNodeParameter' in context
			? context.getCurrentNodeParameter('options')
			: (context as IExecuteFunctions).getNodeParameter('options', 0, {});
	return chosen !== null && typeof chosen === 'object' ? (chosen as RequestOptions) : {};
}

export interface ProviderClient {
	readonly config: ProviderClientConfig;
	/** The request options for an Options collection: Max Retries, Request Timeout and, where documented, Rate Limit. */
	options(): INodeProperties[];
	/** The execution's session (created on first use, then shared by every operation call of that run). */
	session(context: ClientContext): Promise<ProviderSession>;
	/** `session(context).request(…)`: a request whose JSON answer is returned, or a NodeApiError. */
	request(
		context: ClientContext,
		request: ClientRequest,
		extra?: ErrorContext & { emptyAnswer?: 'allowed' },
	): Promise<IDataObject | IDataObject[]>;
}

interface RequestOptions {
	maxRetries?: number;
	requestTimeout?: number;
	rateLimit?: number;
	rateLimitWindow?: number;
}

export function createProviderClient(config: ProviderClientConfig): ProviderClient {
	const sessions = new WeakMap<ClientContext, Promise<ProviderSession>>();

	function options(): INodeProperties[] {
		const maxRetries = DEFAULT_RETRY_POLICY.maxRetries;
		const timeout = config.timeoutSeconds ?? 30;
		const requests = config.rateLimit?.requests ?? 0;
		const windowSeconds = config.rateLimit?.windowSeconds ?? 60;
		const list: INodeProperties[] = [
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: maxRetries,
				description: `Retries of a request that got 408, 429, 5xx, a time-out or a network error, with exponential backoff; ${config.provider}'s Retry-After is honoured. A request ${config.provider} would act on twice is retried only where it cannot have arrived.`,
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'requestTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: timeout,
				description: `How long to wait for ${config.provider}'s answer to one request before it counts as timed out (and is retried like a 5xx)`,
			},
		];
		if (config.rateLimit) {
			list.push(
				{
					displayName: 'Rate Limit',
					name: 'rateLimit',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: requests,
					description: `Most requests started per window for this ${config.provider} account by this n8n process, shared by every execution in it (${config.rateLimit.documented}). With queue-mode workers, give each worker its share: the limit divided by the number of processes. 0 turns pacing off; a 429 is still waited out.`,
				},
				{
					displayName: 'Rate Limit Window (Seconds)',
					name: 'rateLimitWindow',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: windowSeconds,
					description: 'Length of the window the Rate Limit counts requests in',
				},
			);
		}
		return list;
	}

	async function open(context: ClientContext): Promise<ProviderSession> {
		const credentials = (await context.getCredentials(config.credentialType)) as IDataObject;
		const problem = config.checkCredentials?.(credentials);
		if (problem) throw new NodeOperationError(context.getNode(), problem.message, { description: problem.description });
		const baseUrl = (String(credentials.baseUrl ?? '').trim() || config.defaultBaseUrl).replace(/\/+$/, '');
		if (baseUrl === '') {
			throw new NodeOperationError(context.getNode(), `The ${config.credentialName} credential has no Base URL`, {
				description: `Set the API host of your ${config.provider} account in the credential.`,
			});
		}
		const scrub = secretScrubber(config.secretFields.map((field) => credentials[field] as string | undefined));
		const chosen = requestOptionsOf(context);
		// A list the editor loads retries at most once: the user is waiting on it.
		const retryCap = 'getCurrentNodeParameter' in context ? 1 : Infinity;
		const policy = {
			maxRetries: Math.min(retryCap, chosen.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
			timeoutMs: Math.max(1, chosen.requestTimeout ?? config.timeoutSeconds ?? 30) * 1000,
		};
		let limiter: Pacer | undefined;
		if (config.rateLimit) {
			const requests = Math.floor(chosen.rateLimit ?? config.rateLimit.requests);
			const windowMs = Math.max(1, chosen.rateLimitWindow ?? config.rateLimit.windowSeconds) * 1000;
			const secret = config.secretFields.map((field) => String(credentials[field] ?? '')).join('\n');
			// The provider's own window: the limiter adds its safety margin (limiter.ts SAFETY_MARGIN_MS).
			if (requests > 0) limiter = accountLimiter({ provider: config.provider, baseUrl, secret }, requests, windowMs);
		}
		const node = context.getNode();

		const accountKey = createHash('sha256')
			.update([baseUrl, ...config.secretFields.map((field) => String(credentials[field] ?? ''))].join('\n'))
			.digest('hex')
			.slice(0, 16);
		const session: ProviderSession = {
			provider: config.provider,
			accountKey,
			scrub: <T>(value: T) => scrub(value) as T,
			async send(request) {
				return await sendWithRetry(
					context,
					{
						method: request.method,
						url: `${baseUrl}${request.path}`,
						body: request.body,
						qs: request.qs,
						headers: request.headers,
						arrayFormat: config.arrayFormat,
					},
					{
						credentialType: config.credentialType,
						limiter,
						policy,
						retryAfterFromBody: config.retryAfterFromBody,
						retryOn: request.repeat === 'unsafe' ? 'unreached' : 'any',
						scrub,
					},
				);
			},
			error: (result, extra) => requestError(node, config, result, extra),
			async request(request, extra = {}) {
				const result = await session.send(request);
				if (!result.ok || result.response.statusCode >= 300) throw requestError(node, config, result, extra);
				const { response } = result;
				if (response.body === null && (extra.emptyAnswer === 'allowed' || response.statusCode === 204)) return {};
				if (!response.bodyIsJson || response.body === null || typeof response.body !== 'object') {
					throw unreadableAnswerError(node, config.provider, response, extra);
				}
				return response.body as IDataObject | IDataObject[];
			},
		};
		return session;
	}

	const client: ProviderClient = {
		config,
		options,
		async request(context, request, extra) {
			return await (await client.session(context)).request(request, extra);
		},
		async session(context) {
			let session = sessions.get(context);
			if (!session) {
				session = open(context);
				sessions.set(context, session);
				// A failed open (a credential read that timed out) is not kept: the next call tries again.
				session.catch(() => sessions.delete(context));
			}
			return await session;
		},
	};
	return client;
}
