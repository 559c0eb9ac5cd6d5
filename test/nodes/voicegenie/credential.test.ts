import { VOICEGENIE_KEY } from '../../simulators/voicegenie';
import { loadPackage } from '../../support/engine';
import { useSimulator, vg } from './run';

useSimulator();

describe('VoiceGenie API credential', () => {
	it('has an API key and a required Base URL without default, and tests with the key only', async () => {
		const { credentialTypes, nodeNames } = await loadPackage();
		expect(nodeNames).toContain('voiceGenie');
		const type = credentialTypes.voiceGenieApi;
		const baseUrl = type.properties.find((p) => p.name === 'baseUrl');
		expect(baseUrl).toMatchObject({ required: true, default: '' });
		expect(baseUrl?.description).toContain('sandbox');
		expect(type.test?.request).toMatchObject({ url: '/uploadCampaignData', method: 'POST', ignoreHttpStatusErrors: { ignore: true, except: expect.arrayContaining([401, 403]) } });
		// What the test request gets: 400 (key accepted, nothing stored) or 401.
		const ok = await fetch(`${vg.sim.baseUrl}/uploadCampaignData`, { method: 'POST', headers: { 'x-api-key': VOICEGENIE_KEY, 'content-type': 'application/json' }, body: '{}' });
		expect(ok.status).toBe(400);
		const bad = await fetch(`${vg.sim.baseUrl}/uploadCampaignData`, { method: 'POST', headers: { 'x-api-key': 'nope', 'content-type': 'application/json' }, body: '{}' });
		expect(bad.status).toBe(401);
		expect(vg.sim.campaigns.size).toBe(0);
	});
});
