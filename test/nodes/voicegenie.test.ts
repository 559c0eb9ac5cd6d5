import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { base64Bytes, csvHeader, fileKind, payloadTooLarge } from '../../nodes/VoiceGenie/actions/campaign/file';
import { VOICEGENIE_MAX_PAYLOAD_BYTES } from '../../nodes/VoiceGenie/transport';
import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../simulators/voicegenie';
import { csvItem, loadPackage, runNode, type RunResult } from '../support/engine';

let sim: VoiceGenieSimulator;

beforeEach(async () => {
	sim = new VoiceGenieSimulator();
	await sim.start();
});

afterEach(async () => {
	await sim.stop();
});

async function run(parameters: IDataObject, items: INodeExecutionData[], options: { continueOnFail?: boolean; apiKey?: string } = {}) {
	return await runNode(
		{
			type: 'voiceGenie',
			parameters: { resource: 'campaign', ...parameters },
			credentials: { voiceGenieApi: 'VoiceGenie' },
			continueOnFail: options.continueOnFail,
		},
		{ items, credentials: { voiceGenieApi: { apiKey: options.apiKey ?? VOICEGENIE_KEY, baseUrl: sim.baseUrl } } },
	);
}

const contacts = (...rows: IDataObject[]): INodeExecutionData[] => rows.map((json) => ({ json }));

function statuses(result: RunResult): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of result.output) counts[item.json.status as string] = (counts[item.json.status as string] ?? 0) + 1;
	return counts;
}

function noSecrets(result: RunResult): void {
	const text = JSON.stringify(result.output) + (result.error ? `${result.error.message} ${result.error.description ?? ''}` : '');
	expect(text).not.toContain(VOICEGENIE_KEY);
}

const upsert = (extra: IDataObject = {}): IDataObject => ({
	operation: 'createOrUpdate',
	campaignName: 'Summer Sale Campaign',
	scriptId: 'script_123',
	scheduleTime: '2024-06-01T09:00:00Z',
	...extra,
});

describe('VoiceGenie credential', () => {
	it('has an API key and a required Base URL without default, and tests with the key only', async () => {
		const { credentialTypes, nodeNames } = await loadPackage();
		expect(nodeNames).toContain('voiceGenie');
		const type = credentialTypes.voiceGenieApi;
		const baseUrl = type.properties.find((p) => p.name === 'baseUrl');
		expect(baseUrl).toMatchObject({ required: true, default: '' });
		expect(baseUrl?.description).toContain('sandbox');
		expect(type.test?.request).toMatchObject({ url: '/uploadCampaignData', method: 'POST', ignoreHttpStatusErrors: { ignore: true, except: [401, 403] } });
		// What the test request gets: 400 (key accepted, nothing stored) or 401.
		const ok = await fetch(`${sim.baseUrl}/uploadCampaignData`, { method: 'POST', headers: { 'x-api-key': VOICEGENIE_KEY, 'content-type': 'application/json' }, body: '{}' });
		expect(ok.status).toBe(400);
		const bad = await fetch(`${sim.baseUrl}/uploadCampaignData`, { method: 'POST', headers: { 'x-api-key': 'nope', 'content-type': 'application/json' }, body: '{}' });
		expect(bad.status).toBe(401);
		expect(sim.campaigns.size).toBe(0);
	});
});

describe('Campaign → Create or Update with Contacts', () => {
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

		const requests = sim.received('POST', /^\/uploadCampaignData$/);
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
		const campaign = sim.campaigns.get('Summer Sale Campaign')!;
		expect(campaign.contacts).toHaveLength(2_300);
		expect(result.output[0].json.providerResponse).toEqual({ campaign_id: campaign.campaign_id, uploaded_count: 1_000, failed_count: 0 });
		noSecrets(result);
	});

	it('maps errors[] back onto the contacts they concern (by index): duplicates in the campaign, invalid emails', async () => {
		const campaign = sim.addCampaign('Summer Sale Campaign', 'paused');
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
		expect(result.output[1].json.providerResponse).toMatchObject({ uploaded_count: 1, failed_count: 2 });
		expect(sim.received('POST', /uploadCampaignData/)[0].body).not.toHaveProperty('script_id');
	});

	it('maps errors[] that name only the phone number, and says when failures are not named', async () => {
		sim.injectFaults([
			{
				kind: 'status',
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
			},
		]);
		const result = await run(
			upsert({ options: { defaultCountry: 'IN' } }),
			contacts({ phone: '9876543211' }, { phone: '9876543212' }, { phone: '9876543213' }),
		);
		expect(result.error).toBeUndefined();
		expect(result.output[1].json).toMatchObject({ status: 'invalid', reason: 'rejected by VoiceGenie: INVALID_PHONE: Phone number format invalid' });
		expect(result.output[0].json.status).toBe('sent');
		expect(result.output[0].json.reason).toContain('reported 1 failed contact(s) of this request that it did not identify');
		expect(result.output[0].json.providerResponse).toMatchObject({ unattributed_failures: 1 });
	});

	it('takes a contact a 400 names (details.field contacts[i]…) out and re-sends the rest', async () => {
		sim.injectFaults([
			{ kind: 'status', status: 400, body: { success: false, message: 'Invalid request data', error: 'BAD_REQUEST', details: { field: 'contacts[1].phone_number', issue: 'Phone number format invalid' } } },
		]);
		const result = await run(upsert({ options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }, { phone: '9876543212' }, { phone: '9876543213' }));
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 2, invalid: 1 });
		expect(result.output[1].json.reason).toBe('rejected by VoiceGenie: contacts[1].phone_number: Phone number format invalid');
		const requests = sim.received('POST', /uploadCampaignData/);
		expect(requests.map((r) => (r.body as { contacts: unknown[] }).contacts.length)).toEqual([3, 2]);
	});

	it('refuses to edit a running campaign with VoiceGenie’s message, and needs a script to create one', async () => {
		sim.addCampaign('Running', 'running');
		const running = await run(upsert({ campaignName: 'Running', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }));
		expect(running.error?.message).toContain('HTTP 400: BAD_REQUEST: Invalid request data (campaign_name: Campaign is running; it can be edited only while draft or paused)');

		const noScript = await run(upsert({ campaignName: 'New', scriptId: '', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }));
		expect(noScript.error?.message).toContain('script_id: script_id is required to create a campaign');
		expect(sim.campaigns.has('New')).toBe(false);
	});

	it('with Continue On Fail, reports the contacts of a refused request as failed', async () => {
		sim.addCampaign('Done', 'completed');
		const result = await run(upsert({ campaignName: 'Done', options: { defaultCountry: 'IN' } }), contacts({ phone: '9876543211' }, { phone: '9876543212' }), {
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ failed: 2 });
		expect(result.output[0].json.reason).toContain('Campaign is completed');
	});

	it('paces requests so that VoiceGenie never answers 429', async () => {
		sim.rateLimit = 3;
		sim.rateWindowMs = 1000;
		const rows = Array.from({ length: 7 }, (_, i) => ({ phone: `+9198765432${String(10 + i)}` }));
		const result = await run(upsert({ options: { batchSize: 1, rateLimit: 3, rateLimitWindow: 1 } }), contacts(...rows));
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 7 });
		expect(sim.rateLimited).toBe(0);
		expect(sim.received('POST', /uploadCampaignData/)).toHaveLength(7);
	});

	it('retries a 429 (Retry-After), a 500 and a dropped connection', async () => {
		sim.injectFaults([
			{ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { success: false, error: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' } },
			{ kind: 'status', status: 500, body: { success: false, message: 'Failed to process campaign data', error: 'INTERNAL_SERVER_ERROR' } },
			{ kind: 'drop' },
		]);
		const result = await run(upsert({ options: { maxRetries: 3 } }), contacts({ phone: '+919876543211' }));
		expect(result.error).toBeUndefined();
		expect(statuses(result)).toEqual({ sent: 1 });
		expect(sim.received('POST', /uploadCampaignData/).map((r) => r.status)).toEqual([429, 500, 0, 200]);
	});

	it('says to check the API key on 401 without showing it', async () => {
		const result = await run(upsert(), contacts({ phone: '+919876543211' }), { apiKey: 'wrong_vg_key' });
		expect(result.error?.message).toContain('HTTP 401: UNAUTHORIZED: Invalid or missing API key (check the API key of the VoiceGenie API credential)');
		expect(JSON.stringify(result.error)).not.toContain('wrong_vg_key');
		noSecrets(result);
	});
});

describe('Campaign → Upload File', () => {
	const uploadFile = (extra: IDataObject = {}): IDataObject => ({
		operation: 'uploadFile',
		campaignName: 'File Campaign',
		scriptId: 'script_9',
		...extra,
	});

	it('sends a CSV as multipart/form-data with the campaign fields', async () => {
		const csv = 'phone_number,name,email,city\n+919876543210,Ann,ann@example.com,Pune\n+919876543211,Bob,,Delhi\n+919876543210,Dup,,\n';
		const result = await run(uploadFile({ scheduleTime: '2024-06-01T09:00:00' }), [csvItem(csv, 'data', 'leads.csv')]);
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({
			campaign_name: 'File Campaign',
			file_name: 'leads.csv',
			uploaded_count: 2,
			failed_count: 1,
			errors: [{ index: 2, phone_number: '+919876543210', error: 'DUPLICATE_PHONE' }],
		});
		const [request] = sim.received('POST', /uploadCampaignData/);
		expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		const raw = request.rawBody.toString('utf8');
		expect(raw).toContain('name="campaign_name"\r\n\r\nFile Campaign\r\n');
		expect(raw).toContain('name="schedule_time"\r\n\r\n2024-06-01T09:00:00.000Z\r\n');
		expect(raw).toContain('name="file"; filename="leads.csv"\r\nContent-Type: text/csv');
		const campaign = sim.campaigns.get('File Campaign')!;
		expect(campaign.script_id).toBe('script_9');
		expect(campaign.contacts[0]).toEqual({ phone_number: '+919876543210', name: 'Ann', email: 'ann@example.com', custom_fields: { city: 'Pune' } });
	});

	it('sends an Excel workbook', async () => {
		sim.excelRows = 42;
		const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
		const item: INodeExecutionData = {
			json: {},
			binary: {
				sheet: {
					data: xlsx.toString('base64'),
					mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
					fileName: 'leads.xlsx',
				},
			},
		};
		const result = await run(uploadFile({ binaryPropertyName: 'sheet' }), [item]);
		expect(result.error).toBeUndefined();
		expect(result.output[0].json).toMatchObject({ uploaded_count: 42, file_bytes: 204 });
		expect(sim.campaigns.get('File Campaign')!.files).toEqual([{ name: 'leads.xlsx', bytes: 204, kind: 'xlsx' }]);
	});

	it('refuses a CSV without a phone_number column, and a file that is not CSV or Excel, before sending', async () => {
		const noPhone = await run(uploadFile(), [csvItem('phone,name\n+919876543210,Ann\n')]);
		expect(noPhone.error?.message).toContain('has no column named phone_number');
		expect(noPhone.error?.description).toContain('The file\'s columns are: phone, name');
		const pdf: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } } };
		const notCsv = await run(uploadFile(), [pdf]);
		expect(notCsv.error?.message).toContain('"a.pdf" is not a CSV or Excel file');
		const missing = await run(uploadFile({ binaryPropertyName: 'other' }), [csvItem('phone_number\n+919876543210\n')]);
		expect(missing.error?.message).toContain('has no binary property "other"');
		expect(sim.requests).toHaveLength(0);
	});

	it('reports VoiceGenie’s 413 with what to do', async () => {
		await sim.stop();
		sim = new VoiceGenieSimulator({ maxPayloadBytes: 2_000 });
		await sim.start();
		const rows = Array.from({ length: 100 }, (_, i) => `+9198765${String(10_000 + i)},Name ${i}`).join('\n');
		const result = await run(uploadFile(), [csvItem(`phone_number,name\n${rows}\n`)]);
		expect(result.error?.message).toContain('HTTP 413: PAYLOAD_TOO_LARGE: Request payload exceeds 500MB limit');
		expect(result.error?.message).toContain('split the file');
	});

	it('continues per item with Continue On Fail', async () => {
		const result = await run(uploadFile(), [csvItem('name\nAnn\n'), csvItem('phone_number\n+919876543210\n')], { continueOnFail: true });
		expect(result.output).toHaveLength(2);
		expect(result.output[0].json.error).toContain('no column named phone_number');
		expect(result.output[1].json).toMatchObject({ uploaded_count: 1 });
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Upload File checks', () => {
	it('refuses a payload over the documented 500 MB before sending', () => {
		expect(VOICEGENIE_MAX_PAYLOAD_BYTES).toBe(500 * 1024 * 1024);
		expect(payloadTooLarge(VOICEGENIE_MAX_PAYLOAD_BYTES, VOICEGENIE_MAX_PAYLOAD_BYTES)).toBeUndefined();
		expect(payloadTooLarge(VOICEGENIE_MAX_PAYLOAD_BYTES + 1, VOICEGENIE_MAX_PAYLOAD_BYTES)).toBe(
			"the upload would be 500.0 MB, over VoiceGenie's 500 MB limit per request",
		);
		expect(payloadTooLarge(600 * 1024 * 1024, VOICEGENIE_MAX_PAYLOAD_BYTES)).toContain('600.0 MB');
	});

	it('knows a file’s size from its base64 text and its kind from its name or MIME type', () => {
		for (const size of [0, 1, 2, 3, 1000, 1001]) expect(base64Bytes(Buffer.alloc(size).toString('base64'))).toBe(size);
		expect(fileKind({ fileName: 'a.XLSX', mimeType: 'application/octet-stream' })).toBe('xlsx');
		expect(fileKind({ fileName: 'upload', mimeType: 'text/csv; charset=utf-8' })).toBe('csv');
		expect(fileKind({ fileName: 'a.txt', mimeType: 'text/plain' })).toBeUndefined();
		expect(csvHeader('\uFEFF"phone_number";"name"\r\n1;2')).toEqual(['phone_number', 'name']);
	});
});
