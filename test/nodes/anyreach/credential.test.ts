/**
 * Anyreach API credential: the Bearer token, the X-Anyreach-Org header, the check made before
 * sending, and n8n's credential test.
 */
import * as path from 'node:path';

import type { ICredentialType, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { ANYREACH_ORG_ID, ANYREACH_ORG_KEY, ANYREACH_PAT, ANYREACH_READ_ONLY_KEY } from '../../simulators/anyreach';
import { PACKAGE_DIR } from '../../support/engine';
import { expectNoSecret, items, run, sim, upsert } from './harness';

describe('Anyreach API credential', () => {
	describe('authentication', () => {
		it('sends Bearer and no X-Anyreach-Org header for an org key without Organization ID', async () => {
			const campaign = sim.addCampaign();
			const result = await run({
				resource: 'campaign',
				operation: 'get',
				campaignId: campaign.id,
			});
			expect(result.error).toBeUndefined();
			const [request] = sim.requests;
			expect(request.headers.authorization).toBe(`Bearer ${ANYREACH_ORG_KEY}`);
			expect(request.headers).not.toHaveProperty('x-anyreach-org');
			expect(result.output[0].json).toMatchObject({
				id: campaign.id,
				status: 'active',
			});
		});

		it('sends X-Anyreach-Org with a personal access token', async () => {
			const campaign = sim.addCampaign();
			const result = await run(
				{ resource: 'campaign', operation: 'get', campaignId: campaign.id },
				{ token: ANYREACH_PAT, organizationId: ` ${ANYREACH_ORG_ID} ` },
			);
			expect(result.error).toBeUndefined();
			expect(sim.requests[0].headers['x-anyreach-org']).toBe(ANYREACH_ORG_ID);
			expect(sim.requests[0].headers.authorization).toBe(`Bearer ${ANYREACH_PAT}`);
		});

		it('stops before sending when a pat_ token has no Organization ID', async () => {
			const campaign = sim.addCampaign();
			const result = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id }, { token: ANYREACH_PAT });
			expect(result.error?.message).toMatch(/personal access token \(pat_…\) but has no Organization ID/);
			expect(result.error?.description).toMatch(/X-Anyreach-Org/);
			expect(result.error?.message).toBe('The Anyreach API credential uses a personal access token (pat_…) but has no Organization ID');
			expect(sim.requests).toHaveLength(0);
			expectNoSecret(result);
		});

		it('a pat_ token without Organization ID stops an upload before any batch, not as a refused batch', async () => {
			const campaign = sim.addCampaign();
			const result = await run(upsert(campaign.id), {
				token: ANYREACH_PAT,
				items: items({ phone: '+14155550101' }),
			});
			expect(result.error?.message).toBe('The Anyreach API credential uses a personal access token (pat_…) but has no Organization ID');
			expect(result.error?.description).toMatch(/^Nothing was sent\. /);
			expect(`${result.error?.message} ${result.error?.description}`).not.toMatch(/batch|accept/i);
			expect(sim.requests).toHaveLength(0);
		});

		it('explains a 401 for a wrong token and for a missing organization claim', async () => {
			const campaign = sim.addCampaign();
			const result = await run({ resource: 'campaign', operation: 'get', campaignId: campaign.id }, { token: 'ak_wrong.value' });
			expect(result.error?.message).toBe('Anyreach refused the API key (HTTP 401): Invalid token');
			expect(result.error?.description).toBe(
				'Check the Token (and, for a personal access token, the Organization ID) of the Anyreach API credential: it must be an active Anyreach key.',
			);
			expectNoSecret(result);
			sim.injectFaults([
				{
					kind: 'status',
					status: 401,
					body: { detail: 'Token is missing organization claim' },
				},
			]);
			const claim = await run({
				resource: 'campaign',
				operation: 'get',
				campaignId: campaign.id,
			});
			expect(claim.error?.message).toBe('Anyreach refused the API key (HTTP 401): Token is missing organization claim');
			expect(claim.error?.description).toMatch(/Organization ID/);
		});

		it('names the missing scope on 403', async () => {
			const campaign = sim.addCampaign();
			const result = await run({ resource: 'campaign', operation: 'pause', campaignId: campaign.id }, { token: ANYREACH_READ_ONLY_KEY });
			expect(result.error?.message).toBe(
				`Anyreach refused the request while pausing campaign "${campaign.id}" (HTTP 403): Missing required scope: campaigns:manage`,
			);
			expect(result.error?.description).toBe('The token lacks the scope for this action: campaigns:read to read, campaigns:manage to change anything.');
			expect(campaign.status).toBe('active');
		});
	});

	describe('credential type (built)', () => {
		// n8n's credential test: the `test` request, with `authenticate` applied, against the simulator.
		async function credentialTest(token: string, organizationId: string) {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const { AnyreachApi } = require(path.join(PACKAGE_DIR, 'dist/credentials/AnyreachApi.credentials.js')) as {
				AnyreachApi: new () => ICredentialType & {
					authenticate: (credentials: IDataObject, request: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
				};
			};
			const type = new AnyreachApi();
			const test = type.test!.request;
			const request = await type.authenticate({ token, organizationId, baseUrl: sim.baseUrl }, { url: test.url!, headers: {} });
			const url = new URL(`${sim.baseUrl}${request.url}`);
			for (const [key, value] of Object.entries(test.qs ?? {})) url.searchParams.set(key, String(value));
			const response = await fetch(url, {
				headers: request.headers as Record<string, string>,
			});
			return {
				status: response.status,
				body: (await response.json()) as IDataObject,
				headers: request.headers,
			};
		}

		it('passes with an org key, and omits an empty Organization ID header', async () => {
			const result = await credentialTest(` Bearer ${ANYREACH_ORG_KEY} `, '  ');
			expect(result.status).toBe(200);
			expect(result.headers).toEqual({
				Authorization: `Bearer ${ANYREACH_ORG_KEY}`,
			});
			expect(sim.requests[0]).toMatchObject({
				method: 'GET',
				path: '/campaign/campaigns',
				query: { limit: '1' },
			});
		});

		it("fails for a pat_ token without Organization ID with Anyreach's 401", async () => {
			const result = await credentialTest(ANYREACH_PAT, '');
			expect(result).toMatchObject({
				status: 401,
				body: { detail: 'Token is missing organization claim' },
			});
			expect((await credentialTest(ANYREACH_PAT, ANYREACH_ORG_ID)).status).toBe(200);
		});
	});
});
