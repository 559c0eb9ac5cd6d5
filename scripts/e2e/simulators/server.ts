/**
 * The provider simulators as one standalone process for the e2e run (bundled by esbuild with a
 * generated entry that passes every registered simulator to `serve`). Each simulator listens on
 * its own 127.0.0.1 port, kept for the whole run so imported credentials stay valid; a control
 * server on another port lets the runner reset and seed them per example and read what they got.
 *
 *   stdout, first line: {"control":"http://127.0.0.1:P","simulators":{"osvi":{"baseUrl":…,"credentialType":…,"credentialData":{…}}}}
 *   POST /reset  {"seed":{"osvi":{…}}}  → fresh simulators (same ports), seeded
 *   POST /deliver {"simulator":"x","event":{…},"context":{"webhookUrl":…,"headers":…}} → the simulator calls n8n's webhook; n8n's answer
 *   GET  /report                         → {"osvi":{"requests":[…],"state":…}}
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Simulator } from '../../../test/simulators/base';
import type { DeliveryContext, E2eSimulator } from './types';

interface Running {
	entry: E2eSimulator;
	simulator: Simulator;
	port: number;
}

async function readBody(request: http.IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const text = Buffer.concat(chunks).toString('utf8');
	return text ? JSON.parse(text) : {};
}

export async function serve(entries: E2eSimulator[]): Promise<void> {
	const running = new Map<string, Running>();
	for (const entry of entries) {
		if (running.has(entry.name)) throw new Error(`two simulators named ${entry.name}`);
		const simulator = entry.create();
		await simulator.start();
		running.set(entry.name, { entry, simulator, port: Number(new URL(simulator.baseUrl).port) });
	}

	const reset = async (seeds: Record<string, unknown>): Promise<void> => {
		for (const name of Object.keys(seeds)) {
			if (!running.has(name)) throw new Error(`no simulator named "${name}" (known: ${[...running.keys()].join(', ')})`);
		}
		for (const item of running.values()) {
			await item.simulator.stop();
			item.simulator = item.entry.create();
			if (seeds[item.entry.name] !== undefined) item.entry.seed?.(item.simulator, seeds[item.entry.name]);
			await item.simulator.start(item.port);
		}
	};

	const report = () =>
		Object.fromEntries(
			[...running.values()].map(({ entry, simulator }) => [
				entry.name,
				{
					requests: simulator.requests.map(({ rawBody, ...request }) => ({
						...request,
						...(request.body === undefined && rawBody.length > 0 ? { rawBody: rawBody.toString('utf8') } : {}),
					})),
					state: entry.state?.(simulator),
				},
			]),
		);

	const control = http.createServer((request, response) => {
		const answer = (status: number, body: unknown) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		void (async () => {
			try {
				if (request.method === 'POST' && request.url === '/reset') {
					const body = (await readBody(request)) as { seed?: Record<string, unknown> };
					await reset(body.seed ?? {});
					answer(200, { ok: true });
				} else if (request.method === 'POST' && request.url === '/deliver') {
					const body = (await readBody(request)) as { simulator: string; event: unknown; context?: DeliveryContext };
					const item = running.get(body.simulator);
					if (!item?.entry.deliver) throw new Error(`simulator "${body.simulator}" cannot deliver events to n8n`);
					answer(200, await item.entry.deliver(item.simulator, body.event, body.context ?? {}));
				} else if (request.method === 'GET' && request.url === '/report') {
					answer(200, report());
				} else if (request.method === 'POST' && request.url === '/stop') {
					answer(200, { ok: true });
					for (const item of running.values()) await item.simulator.stop();
					control.close();
				} else {
					answer(404, { error: 'unknown control route' });
				}
			} catch (error) {
				answer(500, { error: (error as Error).message });
			}
		})();
	});
	await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
	const { port } = control.address() as AddressInfo;
	process.stdout.write(
		`${JSON.stringify({
			control: `http://127.0.0.1:${port}`,
			simulators: Object.fromEntries(
				[...running.values()].map(({ entry, simulator }) => [
					entry.name,
					{
						baseUrl: simulator.baseUrl,
						credentialType: entry.credentialType,
						credentialData: entry.credentialData(simulator.baseUrl),
					},
				]),
			),
		})}\n`,
	);
}
