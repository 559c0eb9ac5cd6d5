import type { IDataObject } from 'n8n-workflow';

import { VOICEGENIE_KEY } from '../../../simulators/voicegenie';
import { contacts, noSecrets, run, statuses, uploads, useSimulator, vg } from '../run';

useSimulator();

const upsert = (extra: IDataObject = {}): IDataObject => ({
	operation: 'createOrUpdate',
	campaignName: 'Summer Sale Campaign',
	scriptId: 'script_123',
	scheduleTime: '2024-06-01T09:00:00Z',
	...extra,
});

const three = () => contacts({ phone: '9876543211' }, { phone: '9876543212' }, { phone: '9876543213' });
const stored = () => vg.sim.campaigns.get('Summer Sale Campaign')?.contacts.length ?? 0;

describe('Campaign', () => {
	describe('Create or Update with Contacts', () => {
		it('creates the campaign, maps name/email and every other field into custom_fields, in batches of at most 1,000', async () => {
			const rows: IDataObject[] = Array.from({ length: 2_300 }, (_, i) => ({
				phone: String(9_000_000_000 + i),
				first_name: `F${i}`,
				last_name: 'Doe',
				email: `p${i}@example.com`,
				product_interest: 'Premium Plan',
				score: i,
			}));
			rows.push({ phone: '9000000000', first_name: 'Dup' });
			rows.push({ phone: '123', first_name: 'Bad' });
			const result = await run(upsert({ options: { defaultCountry: 'IN' } }), contacts(...rows));
			expect(result.error).toBeUndefined();
			expect(result.output).toHaveLength(2_302);
			expect(statuses(result)).toEqual({ sent: 2_300, duplicate: 1, invalid: 1 });

			const requests = uploads();
			expect(requests.map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([1_000, 1_000, 300]);
			expect(requests[0].headers['x-api-key']).toBe(VOICEGENIE_KEY);
			expect(requests[0].body).toMatchObject({ campaign_name: 'Summer Sale Campaign', script_id: 'script_123', schedule_time: '2024-06-01T09:00:00Z' });
			expect((requests[0].body as { contacts: unknown[] }).contacts[0]).toEqual({
				phone_number: '+919000000000',
				name: 'F0 Doe',
				email: 'p0@example.com',
				// The shared mapper keeps the columns a name was joined from as variables too.
				custom_fields: { first_name: 'F0', last_name: 'Doe', product_interest: 'Premium Plan', score: 0 },
			});
			const campaign = vg.sim.campaigns.get('Summer Sale Campaign')!;
			expect(campaign.contacts).toHaveLength(2_300);
			expect(result.output[0].json.providerResponse).toEqual({ campaign_id: campaign.campaign_id, uploaded_count: 1_000, failed_count: 0 });
			noSecrets(result);
		});

		it('numbers without a country code are Indian by default; the Default Country option changes that', async () => {
			const india = await run(upsert(), contacts({ phone: '9876543211' }));
			expect(india.output[0].json).toMatchObject({ status: 'sent', phone: '+919876543211' });
			const us = await run(upsert({ options: { defaultCountry: 'US' } }), contacts({ phone: '(415) 555-0101' }));
			expect(us.output[0].json).toMatchObject({ status: 'sent', phone: '+14155550101' });
			expect(vg.sim.campaigns.get('Summer Sale Campaign')!.contacts.map((c) => c.phone_number)).toEqual(['+919876543211', '+14155550101']);
		});

		it('maps errors[] back onto the contacts they concern (by index): duplicates in the campaign, invalid emails', async () => {
			const campaign = vg.sim.addCampaign('Summer Sale Campaign', 'paused');
			campaign.contacts.push({ phone_number: '+919876543210', name: null, email: null, custom_fields: {} });
			const result = await run(
				upsert({ scriptId: '', options: { defaultCountry: 'IN' } }),
				contacts(
					{ phone_number: '9876543210', name: 'Already there' },
					{ phone_number: '9876543211', name: 'Ok' },
					{ phone_number: '9876543212', name: 'Bad mail', email: 'not-an-email' },
				),
			);
			expect(result.error).toBeUndefined();
			expect(result.output.map((item) => item.json.status)).toEqual(['duplicate', 'sent', 'invalid']);
			expect(result.output[0].json.reason).toContain('already in campaign "Summer Sale Campaign"');
			expect(result.output[2].json.reason).toBe('rejected by VoiceGenie: INVALID_EMAIL: Email format invalid');
			// The batch's answer is kept once, on the batch's first contact.
			expect(result.output[0].json.providerResponse).toMatchObject({ uploaded_count: 1, failed_count: 2 });
			expect(uploads()[0].body).not.toHaveProperty('script_id');
			expect(campaign.contacts.map((c) => c.phone_number)).toEqual(['+919876543210', '+919876543211']);
		});

		it('maps errors[] that name only the phone number; a shortfall it does not attribute is unconfirmed, not sent', async () => {
			const answer = {
				kind: 'status' as const,
				status: 200,
				body: {
					success: true,
					data: {
						campaign_id: 'cmp-x',
						uploaded_count: 1,
						failed_count: 2,
						errors: [{ phone_number: '+919876543212', error: 'INVALID_PHONE', message: 'Phone number format invalid' }],
					},
				},
			};
			// Answered twice so: the unconfirmed contacts are sent once more, and that answer is short too.
			vg.sim.injectFaults([answer, answer]);
			const result = await run(upsert({ options: { defaultCountry: 'IN' } }), three());
			expect(result.error).toBeUndefined();
			expect(result.output[1].json).toMatchObject({ status: 'invalid', reason: 'rejected by VoiceGenie: INVALID_PHONE: Phone number format invalid' });
			expect(result.output.map((item) => item.json.status)).toEqual(['unconfirmed', 'invalid', 'unconfirmed']);
			// The second answer's entry names a contact that was not in the re-send: kept as unmatched.
			expect(result.output[0].json.reason).toBe(
				'VoiceGenie confirmed 1 of these 2 contacts (batch 1 of 1) without naming which: {"campaign_id":"cmp-x","uploaded_count":1,"failed_count":2,"unmatched_errors":[{"phone_number":"+919876543212","error":"INVALID_PHONE","message":"Phone number f…',
			);
			expect(result.hints?.[0]?.message).toMatch(/^2 contact\(s\) are "unconfirmed"/);
			expect(uploads().map((r) => (r.body as { contacts: IDataObject[] }).contacts.map((c) => c.phone_number))).toEqual([
				['+919876543211', '+919876543212', '+919876543213'],
				['+919876543211', '+919876543213'],
			]);
		});

		it('a short answer is sent once more without the contacts it named; the re-send confirms them', async () => {
			vg.sim.injectFaults([
				{ kind: 'status', status: 200, body: { success: true, data: { uploaded_count: 1, failed_count: 1, errors: [{ index: 1, error: 'INVALID_PHONE', message: 'Phone number format invalid' }] } } },
			]);
			const result = await run(upsert(), three());
			expect(result.output.map((item) => item.json.status)).toEqual(['sent', 'invalid', 'sent']);
			expect(uploads().map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([3, 2]);
			expect(stored()).toBe(2);
		});

		it('uploaded_count 0 with no error named: the numbers were skipped as already in the campaign (duplicate)', async () => {
			const campaign = vg.sim.addCampaign('Summer Sale Campaign', 'draft');
			for (const phone of ['+919876543211', '+919876543212']) campaign.contacts.push({ phone_number: phone, name: null, email: null, custom_fields: {} });
			// A VoiceGenie that skips duplicates without listing them in errors[].
			vg.sim.injectFaults([{ kind: 'status', status: 200, body: { success: true, data: { campaign_id: campaign.campaign_id, uploaded_count: 0, failed_count: 0, errors: [] } } }]);
			const result = await run(upsert(), contacts({ phone: '9876543211' }, { phone: '9876543212' }));
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ duplicate: 2 });
			expect(result.output[0].json.reason).toBe('VoiceGenie uploaded none of them and named no error: it skips numbers already in campaign "Summer Sale Campaign"');
			expect(uploads()).toHaveLength(1);
			expect(campaign.contacts).toHaveLength(2);
		});

		it('uploaded_count 0 with failures it does not name: failed, with the counts', async () => {
			vg.sim.injectFaults([{ kind: 'status', status: 200, body: { success: true, data: { uploaded_count: 0, failed_count: 2, errors: [] } } }]);
			const result = await run(upsert(), contacts({ phone: '9876543211' }, { phone: '9876543212' }));
			expect(statuses(result)).toEqual({ failed: 2 });
			expect(result.output[0].json.reason).toBe('VoiceGenie uploaded none of them and reported 2 failed without naming which or why');
			expect(stored()).toBe(0);
		});

		describe('a 2xx is believed only as far as it confirms', () => {
			const unreadable = (answer: string) => `VoiceGenie answered HTTP ${answer} instead of a confirmation (batch 1 of 1); it may or may not have stored them`;
			const silent = (answer: string) => `VoiceGenie's answer (batch 1 of 1) does not say whether they were stored: ${answer}`;
			const answers: Array<[string, { status: number; rawBody: string }, string]> = [
				['200 {}', { status: 200, rawBody: '{}' }, silent('{"campaign_id":null,"uploaded_count":null,"failed_count":null,"success":null}')],
				['200 "OK"', { status: 200, rawBody: 'OK' }, unreadable('200 with "OK"')],
				['a truncated JSON body', { status: 200, rawBody: '{"success": true, "data": {"uploaded_co' }, unreadable('200 with "{"success": true, "data": {"uploaded_co"')],
				['201 {}', { status: 201, rawBody: '{}' }, silent('{"campaign_id":null,"uploaded_count":null,"failed_count":null,"success":null}')],
				['204', { status: 204, rawBody: '' }, unreadable('204 with an empty answer')],
				[
					'counts without success: true',
					{ status: 200, rawBody: '{"data": {"uploaded_count": 3, "failed_count": 0, "errors": []}}' },
					silent('{"campaign_id":null,"uploaded_count":3,"failed_count":0,"success":null}'),
				],
				[
					'fewer uploaded_count than sent',
					{ status: 200, rawBody: '{"success": true, "data": {"uploaded_count": 2, "failed_count": 0, "errors": []}}' },
					'VoiceGenie confirmed 2 of these 3 contacts (batch 1 of 1) without naming which: {"campaign_id":null,"uploaded_count":2,"failed_count":0}',
				],
			];
			test.each(answers)('%s, twice: every contact unconfirmed with the answer quoted, never sent', async (_, answer, reason) => {
				vg.sim.injectFaults([
					{ kind: 'replaceAnswer', ...answer },
					{ kind: 'replaceAnswer', ...answer },
				]);
				const result = await run(upsert(), three());
				expect(result.error).toBeUndefined();
				expect(statuses(result)).toEqual({ unconfirmed: 3 });
				expect(result.output[0].json.reason).toBe(reason);
				expect(result.hints?.[0]?.message).toMatch(/^3 contact\(s\) are "unconfirmed"/);
				// Sent once more (VoiceGenie skips what it already has), and stored once.
				expect(uploads()).toHaveLength(2);
				expect(stored()).toBe(3);
			});

			test.each(answers)('%s, then a readable answer: the re-send confirms them, stored once', async (_, answer) => {
				vg.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }]);
				const result = await run(upsert(), three());
				expect(result.error).toBeUndefined();
				expect(statuses(result)).toEqual({ sent: 3 });
				expect(uploads()).toHaveLength(2);
				expect(stored()).toBe(3);
				const summary = await run(upsert({ options: { output: 'summary' } }), three());
				// Third run: VoiceGenie lists them as duplicates of the campaign's numbers.
				expect(summary.output[0].json).toMatchObject({ total: 3, sent: 0, duplicate: 3, unconfirmed: 0 });
			});

			it('a re-send answered "none uploaded, no error" confirms what the first send stored', async () => {
				vg.sim.injectFaults([
					{ kind: 'replaceAnswer', status: 200, rawBody: 'OK' },
					{ kind: 'status', status: 200, body: { success: true, data: { uploaded_count: 0, failed_count: 0, errors: [] } } },
				]);
				const result = await run(upsert(), three());
				expect(statuses(result)).toEqual({ sent: 3 });
				expect(result.output[0].json.reason).toBe('stored by VoiceGenie (batch 1 of 1): confirmed on a re-send after an answer was lost or unreadable');
				expect(stored()).toBe(3);
			});

			it('200 with success: false is a refusal: an error with VoiceGenie’s words, nothing sent', async () => {
				const refusal = { success: false, message: 'Campaign is locked', error: 'CAMPAIGN_LOCKED' };
				vg.sim.injectFaults([{ kind: 'status', status: 200, body: refusal }]);
				const result = await run(upsert(), three());
				expect(result.error?.message).toBe('VoiceGenie refused the request (HTTP 200): CAMPAIGN_LOCKED: Campaign is locked');
				expect(result.error?.description).toBe('VoiceGenie answered success: false, so it uploaded nothing of this request; its message says why.');
				vg.sim.injectFaults([{ kind: 'status', status: 200, body: refusal }]);
				const continued = await run(upsert(), three(), { continueOnFail: true });
				expect(statuses(continued)).toEqual({ failed: 3 });
				expect(continued.output[0].json.reason).toBe('batch 1 of 1 was not accepted: VoiceGenie refused the request (HTTP 200): CAMPAIGN_LOCKED: Campaign is locked');
				expect(uploads()).toHaveLength(2);
				expect(stored()).toBe(0);
			});
		});

		it('takes a contact a 400 names (details.field contacts[i]…) out and re-sends the rest', async () => {
			vg.sim.injectFaults([
				{ kind: 'status', status: 400, body: { success: false, message: 'Invalid request data', error: 'BAD_REQUEST', details: { field: 'contacts[1].phone_number', issue: 'Phone number format invalid' } } },
			]);
			const result = await run(upsert({ options: { defaultCountry: 'IN' } }), three());
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 2, invalid: 1 });
			expect(result.output[1].json.reason).toBe('rejected by VoiceGenie: contacts[1].phone_number: Phone number format invalid');
			expect(uploads().map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([3, 2]);
			expect(stored()).toBe(2);
		});

		it('refuses to edit a running campaign with VoiceGenie’s message, and needs a script to create one', async () => {
			vg.sim.addCampaign('Running', 'running');
			const running = await run(upsert({ campaignName: 'Running', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }));
			expect(running.error?.message).toBe(
				'VoiceGenie refused the request (HTTP 400): BAD_REQUEST: Invalid request data (campaign_name: Campaign is running; it can be edited only while draft or paused)',
			);
			expect(running.error?.description).toBe(
				'VoiceGenie refused a field of the request (named in its message). A campaign takes contacts only while it is draft or paused.',
			);

			const noScript = await run(upsert({ campaignName: 'New', scriptId: '', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }));
			expect(noScript.error?.message).toBe(
				'VoiceGenie refused the request (HTTP 400): BAD_REQUEST: Invalid request data (script_id: script_id is required to create a campaign)',
			);
			expect(vg.sim.campaigns.has('New')).toBe(false);
		});

		it('an empty Campaign Name or an unreadable Schedule Time names the item; nothing is sent', async () => {
			const empty = await run(upsert({ campaignName: '={{ $json.campaign }}' }), contacts({ campaign: 'A', phone: '9876543211' }, { phone: '9876543212' }));
			expect(empty.error?.message).toBe('Campaign Name is empty (item 1)');
			expect(empty.error?.context?.itemIndex).toBe(1);
			const badTime = await run(upsert({ scheduleTime: 'next tuesday' }), contacts({ phone: '9876543211' }));
			expect(badTime.error?.message).toBe('Schedule Time must be a date and time (ISO 8601), got "next tuesday"');
			expect(uploads()).toHaveLength(0);
		});

		it('with Continue On Fail, reports the contacts of a refused request as failed', async () => {
			vg.sim.addCampaign('Done', 'completed');
			const result = await run(upsert({ campaignName: 'Done', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }, { phone: '9876543212' }), {
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ failed: 2 });
			expect(result.output[0].json.reason).toContain('Campaign is completed');
		});

		it('paces requests so that VoiceGenie never answers 429', async () => {
			vg.sim.rateLimit = 3;
			vg.sim.rateWindowMs = 1000;
			const rows = Array.from({ length: 7 }, (_, i) => ({ phone: `+9198765432${String(10 + i)}` }));
			const result = await run(upsert({ options: { batchSize: 1, rateLimit: 3, rateLimitWindow: 1 } }), contacts(...rows));
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 7 });
			expect(vg.sim.rateLimited).toBe(0);
			expect(uploads()).toHaveLength(7);
		});

		it('retries a 429 (Retry-After), a 500 and a dropped connection', async () => {
			vg.sim.injectFaults([
				{ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { success: false, error: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' } },
				{ kind: 'status', status: 500, body: { success: false, message: 'Failed to process campaign data', error: 'INTERNAL_SERVER_ERROR' } },
				{ kind: 'drop' },
			]);
			const result = await run(upsert({ options: { maxRetries: 3 } }), contacts({ phone: '+919876543211' }));
			expect(result.error).toBeUndefined();
			expect(statuses(result)).toEqual({ sent: 1 });
			expect(uploads().map((r) => r.status)).toEqual([429, 500, 0, 200]);
		});

		it('a lost answer is sent again (VoiceGenie skips what it already has): confirmed, stored once', async () => {
			vg.sim.injectFaults([{ kind: 'dropAfterWork' }]);
			const result = await run(upsert(), three());
			expect(statuses(result)).toEqual({ sent: 3 });
			expect(result.output[0].json.reason).toBe('stored by VoiceGenie (batch 1 of 1): confirmed on a re-send after an answer was lost or unreadable');
			expect(uploads().map((r) => r.status)).toEqual([0, 200]);
			expect(stored()).toBe(3);
		});

		it('says to check the API key on 401, once, without showing it', async () => {
			const result = await run(upsert(), contacts({ phone: '+919876543211' }), { apiKey: 'wrong_vg_key' });
			expect(result.error?.message).toBe('VoiceGenie refused the API key (HTTP 401): UNAUTHORIZED: Invalid or missing API key');
			expect(result.error?.description).toBe('Check the API Key of the VoiceGenie API credential: it must be an active VoiceGenie key.');
			noSecrets(result, 'wrong_vg_key');
			noSecrets(result);
		});

		it('an API key echoed back by VoiceGenie appears nowhere: output, error (cause and body included), reasons', async () => {
			const echo = { success: false, error: 'BAD_REQUEST', message: `key ${VOICEGENIE_KEY} may not write`, details: { field: 'x-api-key', issue: VOICEGENIE_KEY } };
			vg.sim.injectFaults([{ kind: 'status', status: 400, body: echo }]);
			const failed = await run(upsert(), three());
			expect(failed.error?.message).toBe('VoiceGenie refused the request (HTTP 400): BAD_REQUEST: key [redacted] may not write (x-api-key: [redacted])');
			noSecrets(failed);
			vg.sim.injectFaults([{ kind: 'status', status: 400, body: echo }]);
			const continued = await run(upsert(), three(), { continueOnFail: true });
			expect(continued.output[0].json.reason).toContain('key [redacted] may not write');
			noSecrets(continued);
			vg.sim.injectFaults([{ kind: 'status', status: 200, body: { success: true, data: { uploaded_count: 2, failed_count: 1, errors: [{ index: 0, error: 'FAILED', message: `token ${VOICEGENIE_KEY}` }] } } }]);
			const reasons = await run(upsert(), three());
			expect(reasons.output[0].json.reason).toBe('VoiceGenie did not upload it: FAILED: token [redacted]');
			noSecrets(reasons);
		});

		it('a Base URL that already ends with /uploadCampaignData is refused before sending; an empty one too', async () => {
			const withPath = await run(upsert(), three(), { baseUrl: `${vg.sim.baseUrl}/uploadCampaignData` });
			expect(withPath.error?.message).toBe('The Base URL of the VoiceGenie API credential ends with /uploadCampaignData');
			const empty = await run(upsert(), three(), { baseUrl: ' ' });
			expect(empty.error?.message).toBe('The VoiceGenie API credential has no Base URL');
			expect(vg.sim.requests).toHaveLength(0);
		});
	});
});
