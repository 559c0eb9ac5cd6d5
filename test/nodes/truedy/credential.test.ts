import { TRUEDY_KEY } from '../../simulators/truedy';
import { loadPackage } from '../../support/engine';
import { useTruedy } from './support';

const truedy = useTruedy();

describe('Truedy API credential', () => {
	it('has the documented fields and tests with GET /agents?limit=1', async () => {
		const { credentialTypes, nodeNames } = await loadPackage();
		expect(nodeNames).toContain('truedy');
		const type = credentialTypes.truedyApi;
		expect(type.properties.map((p) => p.name)).toEqual(['apiKey', 'baseUrl', 'webhookSecret']);
		expect(type.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://api.truedy.ai/api/public/v1');
		expect(type.properties.find((p) => p.name === 'webhookSecret')?.typeOptions?.password).toBe(true);
		expect(type.test?.request).toMatchObject({ url: '/agents', qs: { limit: 1 } });
		const ok = await fetch(`${truedy.sim.baseUrl}/agents?limit=1`, { headers: { authorization: `Bearer ${TRUEDY_KEY}` } });
		expect(ok.status).toBe(200);
		const bad = await fetch(`${truedy.sim.baseUrl}/agents?limit=1`, { headers: { authorization: 'Bearer nope' } });
		expect(bad.status).toBe(401);
	});
});
