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
	timestamp: '2026-05-08T10:15:00Z', // replaced by the delivery's time in freshLead()
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

/** A lead event as OSMTalk sends it now: stamped with the current time, its own lead id. */
let leadCounter = 0;
const freshLead = (offsetMs = 0) => ({
	...leadCompleted,
	timestamp: new Date(Date.now() + offsetMs).toISOString(),
	lead: { ...leadCompleted.lead, id: `lead_${++leadCounter}` },
});
const nowIso = () => new Date().toISOString();

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
async function osmTrigger(
	parameters: IDataObject = {},
	webhookSecret?: string,
	mode?: 'webhook' | 'manual',
	staticData?: IDataObject,
) {
	const trigger = await startTrigger(
		{ type: 'osmTalkTrigger', parameters, credentials: { osmTalkApi: 'OSMTalk' } },
		{ credentials: osmCredentials(webhookSecret), mode, staticData },
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
		const event = freshLead();
		const body = JSON.stringify(event);
		const delivery = record(await trigger.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect([delivery.status, delivery.text]).toEqual([200, '']);
		expect(delivery.started).toBe(true);
		expect(delivery.run?.status).toBe('success');
		expect(delivery.triggerOutput.map((item) => item.json)).toEqual([event]);
		// The workflow continued past the trigger with the same item.
		expect(delivery.recordOutput.map((item) => item.json)).toEqual([event]);
	});

	it('verifies the raw bytes as sent, not a re-serialization of the parsed body', async () => {
		// Unusual spacing, key order and escapes: any re-serialization would change the bytes.
		const timestamp = nowIso();
		const body = `{ "lead" : {"id":"lead_2", "phoneNumber":"+14155550100", "variables":{"name":"Zo\\u00eb 🚀"}},\n  "timestamp":"${timestamp}", "event":"campaign.lead_completed" }`;
		const delivery = record(await trigger.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect(delivery.started).toBe(true);
		expect(delivery.triggerOutput[0].json).toEqual({
			lead: { id: 'lead_2', phoneNumber: '+14155550100', variables: { name: 'Zoë 🚀' } },
			timestamp,
			event: 'campaign.lead_completed',
		});
	});

	it('verifies the body even when the sender does not label it application/json', async () => {
		const event = freshLead();
		const body = JSON.stringify(event);
		const delivery = record(await trigger.post(body, { ...osmHeaders(body), 'content-type': 'text/plain' }));
		expect(delivery.status).toBe(200);
		expect(delivery.triggerOutput[0].json).toEqual(event);
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
		const body = JSON.stringify({ event: 'call.started', timestamp: nowIso(), call: { id: 'call_1' } });
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
		const event = freshLead();
		const body = JSON.stringify(event);
		const delivery = record(await leadOnly.post(body, osmHeaders(body)));
		expect(delivery.status).toBe(200);
		expect(delivery.triggerOutput.map((item) => item.json)).toEqual([event.lead]);

		const callEvent = { event: 'call.completed', timestamp: nowIso(), call: { id: 'call_5', durationSeconds: 42 } };
		const callBody = JSON.stringify(callEvent);
		const callDelivery = record(await leadOnly.post(callBody, osmHeaders(callBody)));
		expect(callDelivery.triggerOutput.map((item) => item.json)).toEqual([callEvent]);
	});

	it('starts on every event with Any Event selected, including the settings test event', async () => {
		const any = await osmTrigger({ events: ['*'] });
		for (const event of ['webhook.test', 'transfer.initiated', 'call.analysis_completed', 'call.failed']) {
			const body = JSON.stringify({ event, timestamp: nowIso() });
			const delivery = record(await any.post(body, osmHeaders(body)));
			expect(delivery.status).toBe(200);
			expect(delivery.started).toBe(true);
			expect(delivery.triggerOutput[0].json.event).toBe(event);
		}
	});

	it('uses the default selection (Campaign Lead Completed) when no events are set', async () => {
		const defaults = await osmTrigger({});
		const lead = JSON.stringify(freshLead());
		expect(record(await defaults.post(lead, osmHeaders(lead))).started).toBe(true);
		const test = JSON.stringify({ event: 'webhook.test', timestamp: nowIso() });
		expect(record(await defaults.post(test, osmHeaders(test))).started).toBe(false);
	});

	it('works on the test URL (manual mode) as on the production URL', async () => {
		const manual = await osmTrigger({ events: ['campaign.lead_completed'] }, undefined, 'manual');
		expect(manual.url).toContain('/webhook-test/');
		await manual.activate();
		const event = freshLead();
		const body = JSON.stringify(event);
		const good = record(await manual.post(body, osmHeaders(body)));
		expect(good.status).toBe(200);
		expect(good.triggerOutput[0].json).toEqual(event);
		expectRefused(record(await manual.post(body, osmHeaders(body, 'wrong'))));
	});

	describe('replays', () => {
		const remembered = (running: RunningTrigger) =>
			((running.savedStaticData()['node:Trigger'] ?? {}) as { acceptedDeliveries?: Record<string, number> })
				.acceptedDeliveries ?? {};
		const keyOf = (body: string) => hmacHex(OSM_SECRET, body).slice(0, 32);

		it('answers a second delivery of the same event 200 with the reason, and starts nothing', async () => {
			const replays = await osmTrigger({ events: ['campaign.lead_completed'] });
			const body = JSON.stringify(freshLead());
			const first = record(await replays.post(body, osmHeaders(body)));
			expect(first.started).toBe(true);
			// Remembered where n8n keeps it: the static data saved in its database after the call.
			expect(Object.keys(remembered(replays))).toEqual([keyOf(body)]);

			// The second delivery is handled by a workflow loaded afresh from that database.
			const second = record(await replays.post(body, osmHeaders(body)));
			expect(second.status).toBe(200);
			expect(second.started).toBe(false);
			expect(second.json).toEqual({
				received: true,
				ignored: true,
				reason: expect.stringMatching(/^duplicate delivery: this event was already accepted at \d{4}-\d{2}-\d{2}T.*Z, so it starts nothing again$/),
			});
			expect(replays.runCount()).toBe(1);

			// Another event (another lead) still starts the workflow.
			const other = JSON.stringify(freshLead());
			expect(record(await replays.post(other, osmHeaders(other))).started).toBe(true);
			expect(replays.runCount()).toBe(2);
			expect(Object.keys(remembered(replays)).sort()).toEqual([keyOf(body), keyOf(other)].sort());
		});

		it('refuses a signed event whose timestamp is older than the tolerance, with the reason', async () => {
			const replays = await osmTrigger({ events: ['*'] });
			const body = JSON.stringify(freshLead(-6 * 60 * 1000));
			const delivery = record(await replays.post(body, osmHeaders(body)));
			expectRefused(delivery);
			expect(delivery.json).toEqual({
				error: "The event's `timestamp` is outside the accepted window of 300 seconds (stale or replayed delivery)",
			});
			const future = JSON.stringify(freshLead(6 * 60 * 1000));
			expect(record(await replays.post(future, osmHeaders(future))).json).toEqual({
				error: "The event's `timestamp` is outside the accepted window of 300 seconds (stale or replayed delivery)",
			});
			expect(replays.runCount()).toBe(0);
			expect(remembered(replays)).toEqual({});
		});

		it('refuses a signed event without a readable timestamp, with the reason', async () => {
			const replays = await osmTrigger({ events: ['*'] });
			for (const event of [{ event: 'call.completed' }, { event: 'call.completed', timestamp: 'yesterday' }]) {
				const body = JSON.stringify(event);
				const delivery = record(await replays.post(body, osmHeaders(body)));
				expectRefused(delivery);
				expect(delivery.json).toEqual({ error: 'The event has no readable `timestamp`, so its age cannot be checked' });
			}
			expect(replays.runCount()).toBe(0);
		});

		it('honours the Timestamp Tolerance option', async () => {
			const lax = await osmTrigger({ events: ['*'], options: { toleranceMinutes: 15 } });
			const tenMinutes = JSON.stringify(freshLead(-10 * 60 * 1000));
			expect(record(await lax.post(tenMinutes, osmHeaders(tenMinutes))).started).toBe(true);
			const sixteen = JSON.stringify(freshLead(-16 * 60 * 1000));
			const refused = record(await lax.post(sixteen, osmHeaders(sixteen)));
			expectRefused(refused);
			expect(refused.json).toEqual({
				error: "The event's `timestamp` is outside the accepted window of 900 seconds (stale or replayed delivery)",
			});
		});

		it('forgets deliveries older than twice the tolerance, and keeps at most 5,000', async () => {
			const now = Date.now();
			const old = { ['a'.repeat(32)]: now - 11 * 60 * 1000, ['b'.repeat(32)]: now - 9 * 60 * 1000 };
			const pruned = await osmTrigger({ events: ['*'] }, undefined, undefined, { 'node:Trigger': { acceptedDeliveries: old } });
			const body = JSON.stringify(freshLead());
			expect(record(await pruned.post(body, osmHeaders(body))).started).toBe(true);
			// 11 minutes is past the retention of 10 (twice 5): forgotten; 9 minutes is kept.
			expect(Object.keys(remembered(pruned)).sort()).toEqual(['b'.repeat(32), keyOf(body)].sort());

			const full = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [i.toString(16).padStart(32, '0'), now - 60_000 + i]));
			const bounded = await osmTrigger({ events: ['*'] }, undefined, undefined, { 'node:Trigger': { acceptedDeliveries: full } });
			const next = JSON.stringify(freshLead());
			expect(record(await bounded.post(next, osmHeaders(next))).started).toBe(true);
			const kept = remembered(bounded);
			expect(Object.keys(kept)).toHaveLength(5000);
			// The oldest was forgotten to make room; the newest remembered.
			expect(kept['0'.repeat(32)]).toBeUndefined();
			expect(kept[(1).toString(16).padStart(32, '0')]).toBeDefined();
			expect(kept[keyOf(next)]).toBeDefined();
		});

		it('on the test URL remembers nothing: n8n neither loads nor saves static data for test webhooks', async () => {
			const manual = await osmTrigger({ events: ['campaign.lead_completed'] }, undefined, 'manual');
			const body = JSON.stringify(freshLead());
			expect(record(await manual.post(body, osmHeaders(body))).started).toBe(true);
			// Each "listen for test event" takes one event; the same event sent to it again starts again.
			expect(record(await manual.post(body, osmHeaders(body))).started).toBe(true);
			expect(manual.savedStaticData()).toEqual({});
		});

		it('does not remember events it ignores or refuses', async () => {
			const replays = await osmTrigger({ events: ['campaign.lead_completed'] });
			const ignored = JSON.stringify({ event: 'call.started', timestamp: nowIso() });
			expect(record(await replays.post(ignored, osmHeaders(ignored))).json).toEqual({ received: true, ignored: true, event: 'call.started' });
			const forged = JSON.stringify(freshLead());
			expectRefused(record(await replays.post(forged, osmHeaders(forged, 'guessed'))));
			expect(replays.savedStaticData()).toEqual({});
		});
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

	it('answers a second delivery of the same signed event 200 with the reason, and starts nothing', async () => {
		const replays = await truedyTrigger({ events: ['*'] });
		const body = JSON.stringify({ event: 'batch.completed', data: { batch_call_id: 'bc_replay', status: 'completed' } });
		const headers = truedyHeaders(body, unixSeconds());
		expect(record(await replays.post(body, headers)).started).toBe(true);
		const saved = replays.savedStaticData()['node:Trigger'] as { acceptedDeliveries: Record<string, number> };
		expect(Object.keys(saved.acceptedDeliveries)).toEqual([headers['X-Truedy-Signature'].slice(0, 32)]);

		const again = record(await replays.post(body, headers));
		expect(again.status).toBe(200);
		expect(again.started).toBe(false);
		expect((again.json as { reason: string }).reason).toMatch(/^duplicate delivery: this event was already accepted at /);
		expect(replays.runCount()).toBe(1);

		// Truedy documents no event id: the same body signed at another time is another delivery.
		const resent = record(await replays.post(body, truedyHeaders(body, unixSeconds(-2000))));
		expect(resent.started).toBe(true);
		expect(replays.runCount()).toBe(2);
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
