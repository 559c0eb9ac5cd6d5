/**
 * A small HTTP server framework for provider simulators: they listen on 127.0.0.1, record every
 * request they receive, and can be told to inject faults before their normal answer.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Every value of each query parameter, for repeated ones (`status=a&status=b`). */
	queryAll: Record<string, string[]>;
	headers: http.IncomingHttpHeaders;
	/** Parsed JSON body when it was JSON, else undefined. */
	body: unknown;
	rawBody: Buffer;
	/** The status the simulator answered with. */
	status?: number;
}

export interface SimResponse {
	status: number;
	body?: unknown;
	/** Sent as is instead of JSON (used for malformed answers). */
	rawBody?: string;
	headers?: Record<string, string>;
}

export type Fault =
	/** Answer this request normally (to let earlier requests through before a fault). */
	| { kind: 'pass' }
	| { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
	/** Close the socket without answering. */
	| { kind: 'drop' }
	/** Answer with a body that is not JSON; with a 2xx status the work behind it is still done. */
	| { kind: 'malformed'; status: number }
	/** Do the work, then answer with this status and raw body instead (an answer that does not confirm). */
	| { kind: 'replaceAnswer'; status: number; rawBody: string }
	/** Do the work, then close the socket without answering (the answer is lost on the way back). */
	| { kind: 'dropAfterWork' }
	/** Never answer (the socket stays open until the client gives up or the simulator stops). */
	| { kind: 'hang' };

export interface SimRequest {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	/** Every value of each query parameter, for repeated ones (`status=a&status=b`). */
	queryAll: Record<string, string[]>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	rawBody: Buffer;
	/** True when the body was present but not valid JSON. */
	badJson: boolean;
}

type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export class Simulator {
	readonly requests: RecordedRequest[] = [];

	private readonly routes: Route[] = [];

	private readonly faults: Array<{ match?: RegExp; fault: Fault }> = [];

	private server?: http.Server;

	/** Checked before routing; returns a response to refuse the request (e.g. 401). */
	protected authenticate: (request: SimRequest) => SimResponse | undefined = () => undefined;

	/** Largest accepted body, in bytes; larger ones get 413. */
	protected maxBodyBytes = 50 * 1024 * 1024;

	baseUrl = '';

	route(method: string, path: string, handler: Handler): void {
		const keys: string[] = [];
		const pattern = new RegExp(
			`^${path.replace(/:([A-Za-z_]+)/g, (_, key: string) => {
				keys.push(key);
				return '([^/]+)';
			})}$`,
		);
		this.routes.push({ method, pattern, keys, handler });
	}

	/**
	 * Queues faults, answered in order by the next requests whose path matches `match` (any path
	 * if none); the first `passFirst` matching requests are answered normally.
	 */
	injectFaults(faults: Fault[], match?: RegExp, passFirst = 0): void {
		for (let i = 0; i < passFirst; i++) this.faults.push({ match, fault: { kind: 'pass' } });
		for (const fault of faults) this.faults.push({ match, fault });
	}

	/** Requests received for a method and path pattern, in order. */
	received(method: string, path: RegExp): RecordedRequest[] {
		return this.requests.filter((request) => request.method === method && path.test(request.path));
	}

	/** Listens on 127.0.0.1; `listenPort` 0 (the default) picks a free port, another reuses a known one. */
	async start(listenPort = 0): Promise<string> {
		this.server = http.createServer((req, res) => void this.handle(req, res));
		this.server.keepAliveTimeout = 1000;
		await new Promise<void>((resolve) => this.server!.listen(listenPort, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}`;
		return this.baseUrl;
	}

	async stop(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size <= this.maxBodyBytes) chunks.push(chunk as Buffer);
		}
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const query = Object.fromEntries(url.searchParams.entries());
		const queryAll: Record<string, string[]> = {};
		for (const [key, value] of url.searchParams.entries()) (queryAll[key] ??= []).push(value);
		let body: unknown;
		let badJson = false;
		const contentType = String(req.headers['content-type'] ?? '');
		if (rawBody.length > 0 && contentType.includes('json')) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				badJson = true;
			}
		}
		const recorded: RecordedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query,
			queryAll,
			headers: req.headers,
			body,
			rawBody,
		};
		this.requests.push(recorded);

		const faultIndex = this.faults.findIndex(({ match }) => !match || match.test(url.pathname));
		const fault = faultIndex >= 0 ? this.faults.splice(faultIndex, 1)[0].fault : undefined;
		if (fault?.kind === 'drop') {
			recorded.status = 0;
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'hang') {
			recorded.status = 0;
			return;
		}
		if (fault?.kind === 'status') {
			this.send(res, recorded, { status: fault.status, body: fault.body ?? { error: 'injected fault' }, headers: fault.headers });
			return;
		}

		const request: SimRequest = {
			method: recorded.method,
			path: url.pathname,
			params: {},
			query,
			queryAll,
			headers: req.headers,
			body,
			rawBody,
			badJson,
		};
		let response: SimResponse;
		if (fault?.kind === 'malformed' && fault.status >= 300) {
			response = { status: fault.status, rawBody: '<html>Bad Gateway' };
		} else if (size > this.maxBodyBytes) {
			response = { status: 413, body: { error: 'payload too large' } };
		} else {
			response = this.authenticate(request) ?? (await this.dispatch(request));
		}
		if (fault?.kind === 'malformed') {
			response = { status: fault.status, rawBody: '{"success": true, "data": {"truncated' };
		}
		if (fault?.kind === 'replaceAnswer') response = { status: fault.status, rawBody: fault.rawBody };
		if (fault?.kind === 'dropAfterWork') {
			recorded.status = 0;
			req.socket.destroy();
			return;
		}
		this.send(res, recorded, response);
	}

	private async dispatch(request: SimRequest): Promise<SimResponse> {
		let pathMatched = false;
		for (const route of this.routes) {
			const match = route.pattern.exec(request.path);
			if (!match) continue;
			pathMatched = true;
			if (route.method !== request.method) continue;
			route.keys.forEach((key, index) => (request.params[key] = decodeURIComponent(match[index + 1])));
			try {
				return await route.handler(request);
			} catch (error) {
				return { status: 500, body: { error: `simulator error: ${(error as Error).message}` } };
			}
		}
		return pathMatched
			? { status: 405, body: { error: 'method not allowed' } }
			: { status: 404, body: { error: 'not found' } };
	}

	private send(res: http.ServerResponse, recorded: RecordedRequest, response: SimResponse): void {
		recorded.status = response.status;
		const text = response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body));
		res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers });
		res.end(text);
	}
}
