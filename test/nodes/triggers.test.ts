/**
 * OSMTalk Trigger and Truedy Trigger in a running workflow: real HTTP posts with real signature
 * headers to the trigger behind n8n-core's WebhookContext, and checks of the status answered and
 * whether the workflow ran, with what output. Signatures here are computed independently of the
 * package's code (node:crypto directly), from the providers' documented rules.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { parseTimestamp, signatureMatches, signedBytes } from '../../nodes/shared/webhooks';
import { startTrigger, type Delivery, type RunningTrigger } from '../support/webhooks';

const OSM_SECRET = 'whsec_osm_9f8e7d6c5b4a_TopSecret';
const OSM_API_KEY = 'osm_live_apikey_0123456789';
const TRUEDY_SECRET = 'truedy_whsec_ABCDEF_0987654321';
const TRUEDY_API_KEY = 'truedy_live_apikey_abcdef';
const SECRETS = [OSM_SECRET, OSM_API_KEY, TRUEDY_SECRET, TRUEDY_API_KEY];

const hmacHex = (secret: string, payload: string | Buffer) => createHmac('sha256', secret).update(payload).digest('hex');

/** OSMTalk: `X-OsmTalk-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
const osmHeaders = (body: string, secret = OSM_SECRET) => ({ 'X-OsmTalk-Signature': `sha256=${hmacHex(secret, body)}` });

/** Truedy: `X-Truedy-Signature` = hex HMAC-SHA256 of `timestamp + "." + raw_body`. */
const truedyHeaders = (body: string, timestamp: string, secret = TRUEDY_SECRET) => ({
	'X-Truedy-Timestamp': timestamp,
	'X-Truedy-Signature': hmacHex(secret, `${timestamp}.${body}`),
});
const unixSeconds = (offsetMs = 0) => String(Math.floor((Date.now() + offsetMs) / 1000));

const leadCompleted = {
	event: 'campaign.lead_completed',
	timestamp: '2026-05-08T10:15:00Z',
	campaign: { id: 'cmp_123', name: 'Q2 Renewals' },
	lead: {
		id: 'lead_1',
		phoneNumber: '+919876543210',
		variables: { first_name: 'Arjun' },
		status: 'completed',
		disposition: 'qualified',
		attempts: 1,
		callId: 'call_9',
		outcome: { summary: 'Interested, wants a demo' },
	},
};

/** Every answer and every run, checked at the end for secrets. */
const seen: Delivery[] = [];
const record = (delivery: Delivery) => {
	seen.push(delivery);
	return delivery;
};

const expectRefused = (delivery: Delivery, status = 401) => {
	expect(delivery.status).toBe(status);
	expect(delivery.started).toBe(false);
	expect(delivery.webhookError).toBeUndefined();
	expect(delivery.json).toEqual({ error: expect.any(String) });
};

const osmCredentials = (webhookSecret = OSM_SECRET) => ({
	osmTalkApi: { apiKey: OSM_API_KEY, baseUrl: 'https://api.osmtalk.com', webhookSecret },
});
const truedyCredentials = (webhookSecret = TRUEDY_SECRET) => ({
	truedyApi: { apiKey: TRUEDY_API_KEY, baseUrl: 'https://api.truedy.ai/api/public/v1', webhookSecret },
});

const started: RunningTrigger[] = [];
async function osmTrigger(parameters: IDataObject = {}, webhookSecret?: string, mode?: 'webhook' | 'manual') {
	const trigger = await startTrigger(
		{ type: 'osmTalkTrigger', parameters, credentials: { osmTalkApi: 'OSMTalk' } },
		{ credentials: osmCredentials(webhookSecret), mode },
	);
	started.push(trigger);
	return trigger;
}
async function truedyTrigger(parameters: IDataObject = {}, webhookSecret?: string) {
	const trigger = await startTrigger(
		{ type: 'truedyTrigger', parameters, credentials: { truedyApi: 'Truedy' } },
		{ credentials: truedyCredentials(webhookSecret) },
	);
	started.push(trigger);
	return trigger;
}

afterAll(async () => {
	await Promise.all(started.map((trigger) => trigger.close()));
});

describe('OSMTalk Trigger', () => {
	let trigger: RunningTrigger;
	beforeAll(async () => {
		trigger = await osmTrigger({ events: ['campaign.lead_completed'] });
		await trigger.activate();
	});

	it('accepts a correctly signed event, answers 200 at once and runs the workflow with the event', async () => {
		const body = JSON.stringify(leadCompleted);
		const delivery = record(await trigger.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect([delivery.status, delivery.text]).toEqual([200, '']);
		expect(delivery.started).toBe(true);
		expect(delivery.run?.status).toBe('success');
		expect(delivery.triggerOutput.map((item) => item.json)).toEqual([leadCompleted]);
		// The workflow continued past the trigger with the same item.
		expect(delivery.recordOutput.map((item) => item.json)).toEqual([leadCompleted]);
	});

	it('verifies the raw bytes as sent, not a re-serialization of the parsed body', async () => {
		// Unusual spacing, key order and escapes: any re-serialization would change the bytes.
		const body = '{ "lead" : {"id":"lead_2", "phoneNumber":"+14155550100", "variables":{"name":"Zo\\u00eb 🚀"}},\n  "event":"campaign.lead_completed" }';
		const delivery = record(await trigger.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect(delivery.started).toBe(true);
		expect(delivery.triggerOutput[0].json).toEqual({
			lead: { id: 'lead_2', phoneNumber: '+14155550100', variables: { name: 'Zoë 🚀' } },
			event: 'campaign.lead_completed',
		});
	});

	it('verifies the body even when the sender does not label it application/json', async () => {
		const body = JSON.stringify(leadCompleted);
		const delivery = record(await trigger.post(body, { ...osmHeaders(body), 'content-type': 'text/plain' }));
		expect(delivery.status).toBe(200);
		expect(delivery.triggerOutput[0].json).toEqual(leadCompleted);
	});

	it('refuses a forged signature with 401 and runs nothing', async () => {
		const before = trigger.runCount();
		const body = JSON.stringify(leadCompleted);
		const delivery = record(
			await trigger.post(body, { 'X-OsmTalk-Signature': `sha256=${randomBytes(32).toString('hex')}` }),
		);
		expectRefused(delivery);
		expect(delivery.json).toEqual({ error: 'Invalid X-OsmTalk-Signature' });
		expect(trigger.runCount()).toBe(before);
	});

	it('refuses a missing signature with 401 and runs nothing', async () => {
		const before = trigger.runCount();
		const delivery = record(await trigger.post(JSON.stringify(leadCompleted)));
		expectRefused(delivery);
		expect(delivery.json).toEqual({ error: 'Missing X-OsmTalk-Signature header' });
		expect(trigger.runCount()).toBe(before);
	});

	it('refuses an event signed with another secret', async () => {
		const body = JSON.stringify(leadCompleted);
		const delivery = record(await trigger.post(body, osmHeaders(body, 'some-other-secret')));
		expectRefused(delivery);
	});

	it('refuses a tampered body (signature of the original, body changed)', async () => {
		const original = JSON.stringify(leadCompleted);
		const tampered = JSON.stringify({ ...leadCompleted, lead: { ...leadCompleted.lead, disposition: 'not_interested' } });
		const delivery = record(await trigger.post(tampered, osmHeaders(original)));
		expectRefused(delivery);
	});

	it('refuses signatures not in the documented `sha256=<hex>` form', async () => {
		const body = JSON.stringify(leadCompleted);
		const hex = hmacHex(OSM_SECRET, body);
		for (const value of [hex, `sha1=${hex}`, `sha256=${hex.slice(0, 63)}`, `sha256=${hex}00`, 'sha256=']) {
			const delivery = record(await trigger.post(body, { 'X-OsmTalk-Signature': value }));
			expectRefused(delivery);
		}
	});

	it('acknowledges a correctly signed event that is not selected with 200 and runs nothing', async () => {
		const before = trigger.runCount();
		const body = JSON.stringify({ event: 'call.started', timestamp: '2026-05-08T10:00:00Z', call: { id: 'call_1' } });
		const delivery = record(await trigger.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect(delivery.started).toBe(false);
		expect(delivery.json).toEqual({ received: true, ignored: true, event: 'call.started' });
		expect(trigger.runCount()).toBe(before);
	});

	it('refuses a correctly signed body that is not a JSON object with 400', async () => {
		const body = 'event=campaign.lead_completed';
		const delivery = record(await trigger.post(body, { ...osmHeaders(body), 'content-type': 'text/plain' }));
		expectRefused(delivery, 400);
	});

	it('answers 404 on any other path, as n8n does for an unregistered webhook', async () => {
		const body = JSON.stringify(leadCompleted);
		const response = await fetch(trigger.url.replace(/webhook$/, 'other'), { method: 'POST', body, headers: osmHeaders(body) });
		expect(response.status).toBe(404);
	});

	it('outputs only the lead when Output Lead Only is on, and whole events without a lead', async () => {
		const leadOnly = await osmTrigger({ events: ['campaign.lead_completed', 'call.completed'], options: { leadOnly: true } });
		const body = JSON.stringify(leadCompleted);
		const delivery = record(await leadOnly.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect(delivery.triggerOutput.map((item) => item.json)).toEqual([leadCompleted.lead]);

		const callEvent = { event: 'call.completed', call: { id: 'call_5', durationSeconds: 42 } };
		const callBody = JSON.stringify(callEvent);
		const callDelivery = record(await leadOnly.post(callBody, osmHeaders(callBody)));
		expect(callDelivery.triggerOutput.map((item) => item.json)).toEqual([callEvent]);
	});

	it('starts on every event with Any Event selected, including the settings test event', async () => {
		const any = await osmTrigger({ events: ['*'] });
		for (const event of ['webhook.test', 'transfer.initiated', 'call.analysis_completed', 'call.failed']) {
			const body = JSON.stringify({ event, timestamp: '2026-05-08T10:00:00Z' });
			const delivery = record(await any.post(body, osmHeaders(body)));
			expect(delivery.status).toBe(200);
			expect(delivery.started).toBe(true);
			expect(delivery.triggerOutput[0].json.event).toBe(event);
		}
	});

	it('uses the default selection (Campaign Lead Completed) when no events are set', async () => {
		const defaults = await osmTrigger({});
		const lead = JSON.stringify(leadCompleted);
		expect(record(await defaults.post(lead, osmHeaders(lead))).started).toBe(true);
		const test = JSON.stringify({ event: 'webhook.test' });
		expect(record(await defaults.post(test, osmHeaders(test))).started).toBe(false);
	});

	it('works on the test URL (manual mode) as on the production URL', async () => {
		const manual = await osmTrigger({ events: ['campaign.lead_completed'] }, undefined, 'manual');
		expect(manual.url).toContain('/webhook-test/');
		await manual.activate();
		const body = JSON.stringify(leadCompleted);
		const good = record(await manual.post(body, osmHeaders(body)));
		expect(good.status).toBe(200);
		expect(good.triggerOutput[0].json).toEqual(leadCompleted);
		expectRefused(record(await manual.post(body, osmHeaders(body, 'wrong'))));
	});

	it('refuses to activate without a webhook secret, and answers 503 to every event meanwhile', async () => {
		const noSecret = await osmTrigger({ events: ['*'] }, '');
		await expect(noSecret.activate()).rejects.toThrow(/no Webhook Secret.*OSMTalk Settings → Webhooks/);
		const body = JSON.stringify(leadCompleted);
		// Even an event "signed" with the empty key must not get through.
		const delivery = record(await noSecret.post(body, osmHeaders(body, '')));
		expectRefused(delivery, 503);
		expect(String((delivery.json as { error: string }).error)).toMatch(/no Webhook Secret/);
		expect(noSecret.runCount()).toBe(0);
	});

	it('activates and deactivates without registering anything remotely', async () => {
		const fresh = await osmTrigger({ events: ['*'] });
		await expect(fresh.activate()).resolves.toBeUndefined();
		await expect(fresh.deactivate()).resolves.toBeUndefined();
	});
});

describe('Truedy Trigger', () => {
	let trigger: RunningTrigger;
	const batchCompleted = { event: 'batch.completed', data: { batch_call_id: 'bc_1', status: 'completed', total: 120 } };
	beforeAll(async () => {
		trigger = await truedyTrigger({ events: ['batch.completed', 'batch.status.changed'] });
		await trigger.activate();
	});

	it('accepts a correctly signed, fresh event and runs the workflow with it', async () => {
		const body = JSON.stringify(batchCompleted);
		const delivery = record(await trigger.post(body, truedyHeaders(body, unixSeconds())));
		expect(delivery.status).toBe(200);
		expect([delivery.status, delivery.text]).toEqual([200, '']);
		expect(delivery.started).toBe(true);
		expect(delivery.triggerOutput.map((item) => item.json)).toEqual([batchCompleted]);
		expect(delivery.recordOutput.map((item) => item.json)).toEqual([batchCompleted]);
	});

	it('accepts millisecond and ISO 8601 timestamps too', async () => {
		const body = JSON.stringify({ event: 'batch.status.changed', data: { status: 'paused' } });
		for (const timestamp of [String(Date.now()), new Date().toISOString()]) {
			const delivery = record(await trigger.post(body, truedyHeaders(body, timestamp)));
			expect(delivery.status).toBe(200);
			expect(delivery.started).toBe(true);
		}
	});

	it('refuses a stale timestamp (beyond the default 5 minutes) with 401, even when correctly signed', async () => {
		const before = trigger.runCount();
		const body = JSON.stringify(batchCompleted);
		const delivery = record(await trigger.post(body, truedyHeaders(body, unixSeconds(-6 * 60 * 1000))));
		expectRefused(delivery);
		expect(String((delivery.json as { error: string }).error)).toMatch(/X-Truedy-Timestamp is outside the accepted window of 300 seconds/);
		expect(trigger.runCount()).toBe(before);
	});

	it('refuses a timestamp too far in the future', async () => {
		const body = JSON.stringify(batchCompleted);
		expectRefused(record(await trigger.post(body, truedyHeaders(body, unixSeconds(6 * 60 * 1000)))));
	});

	it('refuses forged, missing, wrong-secret and tampered deliveries with 401', async () => {
		const before = trigger.runCount();
		const body = JSON.stringify(batchCompleted);
		const now = unixSeconds();
		const forged = await trigger.post(body, { 'X-Truedy-Timestamp': now, 'X-Truedy-Signature': randomBytes(32).toString('hex') });
		const missingSignature = await trigger.post(body, { 'X-Truedy-Timestamp': now });
		const missingTimestamp = await trigger.post(body, { 'X-Truedy-Signature': truedyHeaders(body, now)['X-Truedy-Signature'] });
		const wrongSecret = await trigger.post(body, truedyHeaders(body, now, 'not-the-secret'));
		const tampered = await trigger.post(
			JSON.stringify({ ...batchCompleted, data: { ...batchCompleted.data, total: 1 } }),
			truedyHeaders(body, now),
		);
		for (const delivery of [forged, missingSignature, missingTimestamp, wrongSecret, tampered]) expectRefused(record(delivery));
		expect(missingSignature.json).toEqual({ error: 'Missing X-Truedy-Signature header' });
		expect(missingTimestamp.json).toEqual({ error: 'Missing X-Truedy-Timestamp header' });
		expect(forged.json).toEqual({ error: 'Invalid X-Truedy-Signature' });
		expect(trigger.runCount()).toBe(before);
	});

	it('signs the timestamp: a changed timestamp header or a body-only signature is refused', async () => {
		const body = JSON.stringify(batchCompleted);
		const signedAt = unixSeconds(-1000);
		const replayed = await trigger.post(body, {
			'X-Truedy-Timestamp': unixSeconds(),
			'X-Truedy-Signature': truedyHeaders(body, signedAt)['X-Truedy-Signature'],
		});
		const bodyOnly = await trigger.post(body, { 'X-Truedy-Timestamp': unixSeconds(), 'X-Truedy-Signature': hmacHex(TRUEDY_SECRET, body) });
		expectRefused(record(replayed));
		expectRefused(record(bodyOnly));
	});

	it('refuses an unreadable timestamp even when it is what was signed', async () => {
		const body = JSON.stringify(batchCompleted);
		expectRefused(record(await trigger.post(body, truedyHeaders(body, 'yesterday'))));
	});

	it('acknowledges an unselected event with 200 and runs nothing', async () => {
		const before = trigger.runCount();
		const body = JSON.stringify({ event: 'call.completed', data: { call_id: 'c1' } });
		const delivery = record(await trigger.post(body, truedyHeaders(body, unixSeconds())));
		expect(delivery.status).toBe(200);
		expect(delivery.started).toBe(false);
		expect(delivery.json).toEqual({ received: true, ignored: true, event: 'call.completed' });
		expect(trigger.runCount()).toBe(before);
	});

	it('honours the Timestamp Tolerance option', async () => {
		const strict = await truedyTrigger({ events: ['*'], options: { toleranceMinutes: 1 } });
		const lax = await truedyTrigger({ events: ['*'], options: { toleranceMinutes: 15 } });
		const body = JSON.stringify(batchCompleted);
		expectRefused(record(await strict.post(body, truedyHeaders(body, unixSeconds(-2 * 60 * 1000)))));
		expect(record(await strict.post(body, truedyHeaders(body, unixSeconds(-20 * 1000)))).started).toBe(true);
		expect(record(await lax.post(body, truedyHeaders(body, unixSeconds(-10 * 60 * 1000)))).started).toBe(true);
		expectRefused(record(await lax.post(body, truedyHeaders(body, unixSeconds(-16 * 60 * 1000)))));
	});

	it('starts on any event with Any Event, on Additional Events, and reads the name from `type` too', async () => {
		const any = await truedyTrigger({ events: ['*'] });
		const unknown = JSON.stringify({ event: 'batch.something_new' });
		expect(record(await any.post(unknown, truedyHeaders(unknown, unixSeconds()))).started).toBe(true);

		const extra = await truedyTrigger({ events: ['batch.completed'], options: { additionalEvents: ' call.completed , batch.failed' } });
		const call = JSON.stringify({ type: 'call.completed', data: { call_id: 'c2' } });
		const delivery = record(await extra.post(call, truedyHeaders(call, unixSeconds())));
		expect(delivery.started).toBe(true);
		expect(delivery.triggerOutput[0].json).toEqual({ type: 'call.completed', data: { call_id: 'c2' } });
		const other = JSON.stringify({ event: 'batch.status.changed' });
		expect(record(await extra.post(other, truedyHeaders(other, unixSeconds()))).started).toBe(false);
	});

	it('refuses to activate without a webhook secret, and answers 503 to every event meanwhile', async () => {
		const noSecret = await truedyTrigger({ events: ['*'] }, '');
		await expect(noSecret.activate()).rejects.toThrow(/no Webhook Secret.*Truedy dashboard/);
		const body = JSON.stringify(batchCompleted);
		expectRefused(record(await noSecret.post(body, truedyHeaders(body, unixSeconds(), ''))), 503);
		expect(noSecret.runCount()).toBe(0);
	});
});

describe('nodes/shared/webhooks', () => {
	it('decides the signed bytes per provider in one place', () => {
		const raw = Buffer.from('{"a":1}');
		expect(signedBytes('osmTalk', raw).toString()).toBe('{"a":1}');
		expect(signedBytes('truedy', raw, '1715000000').toString()).toBe('1715000000.{"a":1}');
	});

	it('compares only well-formed 32-byte hex digests', () => {
		const payload = Buffer.from('x');
		const good = hmacHex('k', payload);
		expect(signatureMatches('k', payload, good)).toBe(true);
		expect(signatureMatches('k', payload, good.toUpperCase())).toBe(true);
		expect(signatureMatches('k', payload, good.slice(2))).toBe(false);
		expect(signatureMatches('k', payload, `${good.slice(0, 63)}z`)).toBe(false);
		expect(signatureMatches('other', payload, good)).toBe(false);
	});

	it('reads Unix seconds, milliseconds and ISO 8601 timestamps', () => {
		expect(parseTimestamp('1715000000')).toBe(1715000000000);
		expect(parseTimestamp('1715000000.5')).toBe(1715000000500);
		expect(parseTimestamp('1715000000123')).toBe(1715000000123);
		expect(parseTimestamp('2024-05-06T12:53:20Z')).toBe(1715000000000);
		expect(parseTimestamp('May 6 2024')).toBeUndefined();
		expect(parseTimestamp('')).toBeUndefined();
	});
});

describe('secrets', () => {
	it('never appear in any answer or any workflow output', () => {
		expect(seen.length).toBeGreaterThan(30);
		for (const delivery of seen) {
			const everything = JSON.stringify({
				text: delivery.text,
				run: delivery.run?.data,
				trigger: delivery.triggerOutput,
				record: delivery.recordOutput,
			});
			for (const secret of SECRETS) expect(everything).not.toContain(secret);
		}
	});
});
