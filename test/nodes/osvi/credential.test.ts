import { loadPackage } from '../../support/engine';
import { OSVI_TOKEN, sim, useOsviSimulator } from './harness';

useOsviSimulator();

describe('OSVI → API credential', () => {
	test('authenticates with the API-Token header and its test request succeeds only with a valid token', async () => {
		const { credentialTypes } = await loadPackage();
		const type = credentialTypes.osviApi;
		expect(type.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { 'API-Token': '={{$credentials.apiToken}}' } },
		});
		const request = type.test!.request;
		const url = new URL(`${sim.baseUrl}${request.url}`);
		for (const [key, value] of Object.entries(request.qs ?? {})) url.searchParams.set(key, String(value));
		expect((await fetch(url, { headers: { 'API-Token': OSVI_TOKEN } })).status).toBe(200);
		expect((await fetch(url, { headers: { 'API-Token': 'wrong' } })).status).toBe(401);
	});
});
