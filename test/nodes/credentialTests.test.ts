/**
 * The credential test of every provider, as n8n's editor runs it (test/support/editor.ts mirrors
 * n8n's CredentialsTester): passes with the simulator's key, says the key was refused and names
 * the field with a wrong one, and fails, without passing, when the provider is down.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ANYREACH_ORG_ID, ANYREACH_ORG_KEY, ANYREACH_PAT, AnyreachSimulator } from '../simulators/anyreach';
import type { Simulator } from '../simulators/base';
import { OSMTALK_KEY, OsmTalkSimulator } from '../simulators/osmtalk';
import { OSVI_TOKEN, OsviSimulator } from '../simulators/osvi';
import { TRUEDY_KEY, TruedySimulator } from '../simulators/truedy';
import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../simulators/voicegenie';
import { credentialTest } from '../support/editor';

interface Case {
	provider: string;
	credentialType: string;
	simulator: () => Simulator;
	data: (baseUrl: string, key?: string) => ICredentialDataDecryptedObject;
	keyField: string;
	/** Requests that could change something at the provider: none may store anything. */
	stored?: (sim: Simulator) => number;
}

const cases: Case[] = [
	{
		provider: 'OSVI',
		credentialType: 'osviApi',
		simulator: () => new OsviSimulator(),
		data: (baseUrl, key = OSVI_TOKEN) => ({ apiToken: key, baseUrl }),
		keyField: 'API Token',
	},
	{
		provider: 'Anyreach',
		credentialType: 'anyreachApi',
		simulator: () => new AnyreachSimulator(),
		data: (baseUrl, key = ANYREACH_ORG_KEY) => ({ token: key, organizationId: '', baseUrl }),
		keyField: 'Token',
	},
	{
		provider: 'Truedy',
		credentialType: 'truedyApi',
		simulator: () => new TruedySimulator(),
		data: (baseUrl, key = TRUEDY_KEY) => ({ apiKey: key, baseUrl, webhookSecret: '' }),
		keyField: 'API Key',
		stored: (sim) => [...(sim as TruedySimulator).batchCalls.values()].length,
	},
	{
		provider: 'VoiceGenie',
		credentialType: 'voiceGenieApi',
		simulator: () => new VoiceGenieSimulator(),
		data: (baseUrl, key = VOICEGENIE_KEY) => ({ apiKey: key, baseUrl }),
		keyField: 'API Key',
		stored: (sim) => (sim as VoiceGenieSimulator).campaigns.size,
	},
	{
		provider: 'OSMTalk',
		credentialType: 'osmTalkApi',
		simulator: () => new OsmTalkSimulator(),
		data: (baseUrl, key = OSMTALK_KEY) => ({ apiKey: key, baseUrl, webhookSecret: '' }),
		keyField: 'API Key',
	},
];

describe.each(cases)('$provider credential test', ({ provider, credentialType, simulator, data, keyField, stored }) => {
	let sim: Simulator;
	beforeEach(async () => {
		sim = simulator();
		await sim.start();
	});
	afterEach(async () => {
		await sim.stop();
	});

	it('passes with a good key and changes nothing at the provider', async () => {
		const result = await credentialTest(credentialType, data(sim.baseUrl));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests).toHaveLength(1);
		if (stored) expect(stored(sim)).toBe(0);
	});

	it('says the key was refused and names the field to check', async () => {
		const result = await credentialTest(credentialType, data(sim.baseUrl, 'not-the-key'));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(new RegExp(`^${provider} refused the key \\(HTTP 401\\): check the ${keyField} of the credential`));
		expect(result.message).not.toContain('not-the-key');
	});

	it('fails when the provider answers with a server error', async () => {
		sim.injectFaults([{ kind: 'status', status: 503, body: { error: 'down for maintenance' } }]);
		const result = await credentialTest(credentialType, data(sim.baseUrl));
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(new RegExp(`^${provider} answered HTTP 503 \\(a server problem\\), so the key could not be checked`)) });
	});

	it('fails when the provider cannot be reached', async () => {
		const { baseUrl } = sim;
		await sim.stop();
		const result = await credentialTest(credentialType, data(baseUrl));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|refused/i);
	});
});

describe('credential tests that need more than the key', () => {
	it('OSVI passes whether or not its Do-Not-Call list insists on an agent (400 without agent_uuid)', async () => {
		const sim = new OsviSimulator();
		await sim.start();
		try {
			sim.dndListNeedsAgent = true;
			const result = await credentialTest('osviApi', { apiToken: OSVI_TOKEN, baseUrl: sim.baseUrl });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(sim.requests[0]).toMatchObject({ method: 'GET', path: '/v1/dnd_numbers' });
			const refused = await fetch(`${sim.baseUrl}/v1/dnd_numbers?page=1&per_page=1`, { headers: { 'API-Token': OSVI_TOKEN } });
			expect(refused.status).toBe(400);
		} finally {
			await sim.stop();
		}
	});

	it('Anyreach: a personal token without Organization ID is refused, with the Organization ID named', async () => {
		const sim = new AnyreachSimulator();
		await sim.start();
		try {
			const refused = await credentialTest('anyreachApi', { token: ANYREACH_PAT, organizationId: '', baseUrl: sim.baseUrl });
			expect(refused.status).toBe('Error');
			expect(refused.message).toMatch(/^Anyreach refused the key \(HTTP 401\): check the Token of the credential\. A personal access token \(pat_…\) also needs the Organization ID/);
			const passed = await credentialTest('anyreachApi', { token: ANYREACH_PAT, organizationId: ANYREACH_ORG_ID, baseUrl: sim.baseUrl });
			expect(passed.status).toBe('OK');
		} finally {
			await sim.stop();
		}
	});

	it('a Base URL that is not the provider\'s API (404) fails where the probe is a read', async () => {
		const sim = new OsmTalkSimulator();
		await sim.start();
		try {
			const result = await credentialTest('osmTalkApi', { apiKey: OSMTALK_KEY, baseUrl: `${sim.baseUrl}/wrong`, webhookSecret: '' });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^OSMTalk answered HTTP 404 .*check the Base URL/) });
		} finally {
			await sim.stop();
		}
	});
});
