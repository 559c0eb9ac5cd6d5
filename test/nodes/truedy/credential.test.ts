import { TRUEDY_KEY } from '../../simulators/truedy';
import { loadPackage } from '../../support/engine';
import { useTruedy } from './support';

const truedy = useTruedy();

describe('Truedy API credential', () => {
	it('has the documented fields and tests with a documented request that stores nothing', async () => {
		const { credentialTypes, nodeNames } = await loadPackage();
		expect(nodeNames).toContain('truedy');
		const type = credentialTypes.truedyApi;
		expect(type.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'webhookSecret']);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.truedy.ai/api/public/v1');
		expect(type.properties.find((p) => p.name === 'webhookSecret')?.typeOptions?.password).toBe(true);
		// POST /batch-calls/{id}/contacts (the primary spec) with no contact: refused after the key check.
		expect(type.test?.request).toMatchObject({ url: '/batch-calls/n8n-credential-test/contacts', method: 'POST', body: { contacts: [] } });
		const probe = (key: string) =>
			fetch(`${truedy.sim.baseUrl}/batch-calls/n8n-credential-test/contacts`, {
				method: 'POST',
				headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
				body: JSON.stringify({ contacts: [] }),
			});
		expect((await probe(TRUEDY_KEY)).status).toBe(422);
		expect((await probe('nope')).status).toBe(401);
		expect(truedy.sim.batchCalls.size).toBe(0);
	});
});
