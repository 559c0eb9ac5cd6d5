/**
 * A generic HTTP endpoint for examples that call a system other than a provider (a CRM that an
 * HTTP Request node writes back to, say). An example's expectation file maps the URL it uses to
 * it: "urls": { "https://crm.example.com": "sink" }. It records every request and answers
 * 200 {"ok": true}; no credential type (the HTTP Request node's own auth is not simulated).
 */
import { Simulator } from '../../../test/simulators/base';
import { defineSimulator } from './types';

class SinkSimulator extends Simulator {
	constructor() {
		super();
		for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
			this.route(method, '/.*', () => ({ status: 200, body: { ok: true } }));
		}
	}
}

export default defineSimulator<SinkSimulator>({
	name: 'sink',
	credentialType: '',
	create: () => new SinkSimulator(),
	credentialData: () => ({}),
});
