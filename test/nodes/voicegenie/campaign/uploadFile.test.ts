import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../../../simulators/voicegenie';
import { csvItem } from '../../../support/engine';
import { noSecrets, run, uploads, useSimulator, vg } from '../run';

useSimulator();

const uploadFile = (extra: IDataObject = {}): IDataObject => ({
	operation: 'uploadFile',
	campaignName: 'File Campaign',
	scriptId: 'script_9',
	...extra,
});

const leads = () => csvItem('phone_number,name\n+919876543210,Ann\n+919876543211,Bob\n', 'data', 'leads.csv');

describe('Campaign', () => {
	describe('Upload File', () => {
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
			const [request] = uploads();
			expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
			expect(request.headers['x-api-key']).toBe(VOICEGENIE_KEY);
			const raw = request.rawBody.toString('utf8');
			expect(raw).toContain('name="campaign_name"\r\n\r\nFile Campaign\r\n');
			expect(raw).toContain('name="schedule_time"\r\n\r\n2024-06-01T09:00:00.000Z\r\n');
			expect(raw).toContain('name="file"; filename="leads.csv"\r\nContent-Type: text/csv');
			const campaign = vg.sim.campaigns.get('File Campaign')!;
			expect(campaign.script_id).toBe('script_9');
			expect(campaign.contacts[0]).toEqual({ phone_number: '+919876543210', name: 'Ann', email: 'ann@example.com', custom_fields: { city: 'Pune' } });
			noSecrets(result);
		});

		it('sends an Excel workbook', async () => {
			vg.sim.excelRows = 42;
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
			expect(vg.sim.campaigns.get('File Campaign')!.files).toEqual([{ name: 'leads.xlsx', bytes: 204, kind: 'xlsx' }]);
		});

		it('refuses a CSV without a phone_number column, and a file that is not CSV or Excel, before sending', async () => {
			const noPhone = await run(uploadFile(), [csvItem('phone,name\n+919876543210,Ann\n')]);
			expect(noPhone.error?.message).toContain('has no column named phone_number');
			expect(noPhone.error?.description).toContain("The file's columns are: phone, name");
			const pdf: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } } };
			const notCsv = await run(uploadFile(), [pdf]);
			expect(notCsv.error?.message).toContain('"a.pdf" is not a CSV or Excel file');
			const missing = await run(uploadFile({ binaryPropertyName: 'other' }), [csvItem('phone_number\n+919876543210\n')]);
			expect(missing.error?.message).toContain('has no binary property "other"');
			expect(vg.sim.requests).toHaveLength(0);
		});

		it('reports VoiceGenie’s 413 with what to do', async () => {
			await vg.sim.stop();
			vg.sim = new VoiceGenieSimulator({ maxPayloadBytes: 2_000 });
			await vg.sim.start();
			const rows = Array.from({ length: 100 }, (_, i) => `+9198765${String(10_000 + i)},Name ${i}`).join('\n');
			const result = await run(uploadFile(), [csvItem(`phone_number,name\n${rows}\n`)]);
			expect(result.error?.message).toBe('VoiceGenie refused the request while uploading "contacts.csv" (HTTP 413): PAYLOAD_TOO_LARGE: Request payload exceeds 500MB limit');
			expect(result.error?.description).toBe("The request is over VoiceGenie's 500 MB limit: lower the Batch Size, or split the file.");
		});

		it('continues per item with Continue On Fail', async () => {
			const result = await run(uploadFile(), [csvItem('name\nAnn\n'), csvItem('phone_number\n+919876543210\n')], { continueOnFail: true });
			expect(result.output).toHaveLength(2);
			expect(result.output[0].json.error).toContain('no column named phone_number');
			expect(result.output[1].json).toMatchObject({ uploaded_count: 1 });
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		describe('a 2xx that does not confirm is an error, never a successful item', () => {
			const unreadable = 'The request may have succeeded; check in VoiceGenie before running it again.';
			const answers: Array<[string, { status: number; rawBody: string }, string]> = [
				['200 {}', { status: 200, rawBody: '{}' }, 'VoiceGenie answered HTTP 200 while uploading "leads.csv" with an answer of an unexpected shape, which could not be read'],
				['200 "OK"', { status: 200, rawBody: 'OK' }, 'VoiceGenie answered HTTP 200 while uploading "leads.csv" with "OK", which could not be read'],
				[
					'a truncated JSON body',
					{ status: 200, rawBody: '{"success": true, "data": {"uploaded_co' },
					'VoiceGenie answered HTTP 200 while uploading "leads.csv" with "{"success": true, "data": {"uploaded_co", which could not be read',
				],
				['201 {}', { status: 201, rawBody: '{}' }, 'VoiceGenie answered HTTP 201 while uploading "leads.csv" with an answer of an unexpected shape, which could not be read'],
				['204', { status: 204, rawBody: '' }, 'VoiceGenie answered HTTP 204 while uploading "leads.csv" with an empty body, which could not be read'],
				[
					'success: true without uploaded_count',
					{ status: 200, rawBody: '{"success": true, "data": {}}' },
					'VoiceGenie answered HTTP 200 while uploading "leads.csv" with an answer of an unexpected shape, which could not be read',
				],
			];
			test.each(answers)('%s', async (_, answer, message) => {
				vg.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }]);
				const result = await run(uploadFile(), [leads()]);
				expect(result.output).toEqual([]);
				expect(result.error?.message).toBe(message);
				expect(result.error?.description).toBe(unreadable);
				expect(uploads()).toHaveLength(1);
				// The simulator did the work: which is why the error says "may have succeeded".
				expect(vg.sim.campaigns.get('File Campaign')!.contacts).toHaveLength(2);

				vg.sim.injectFaults([{ kind: 'replaceAnswer', ...answer }]);
				const continued = await run(uploadFile(), [leads()], { continueOnFail: true });
				expect(continued.output.map((item) => item.json)).toEqual([{ error: message }]);
			});

			it('200 with success: false is a refusal with VoiceGenie’s words', async () => {
				vg.sim.injectFaults([{ kind: 'status', status: 200, body: { success: false, error: 'FILE_REJECTED', message: 'Unsupported encoding' } }]);
				const result = await run(uploadFile(), [leads()]);
				expect(result.error?.message).toBe('VoiceGenie refused the request while uploading "leads.csv" (HTTP 200): FILE_REJECTED: Unsupported encoding');
				expect(result.error?.description).toBe('VoiceGenie answered success: false, so it uploaded nothing of this request; its message says why.');
				expect(vg.sim.campaigns.has('File Campaign')).toBe(false);
			});
		});

		it('says to check the API key on 401; a key echoed by VoiceGenie appears nowhere', async () => {
			const refused = await run(uploadFile(), [leads()], { apiKey: 'wrong_vg_key' });
			expect(refused.error?.message).toBe('VoiceGenie refused the API key (HTTP 401) while uploading "leads.csv": UNAUTHORIZED: Invalid or missing API key');
			expect(refused.error?.description).toBe('Check the API Key of the VoiceGenie API credential: it must be an active VoiceGenie key.');
			noSecrets(refused, 'wrong_vg_key');

			const echo = { success: false, error: 'BAD_REQUEST', message: `invalid token ${VOICEGENIE_KEY}`, details: { field: 'file', issue: VOICEGENIE_KEY } };
			vg.sim.injectFaults([{ kind: 'status', status: 400, body: echo }]);
			const echoed = await run(uploadFile(), [leads()]);
			expect(echoed.error?.message).toBe('VoiceGenie refused the request while uploading "leads.csv" (HTTP 400): BAD_REQUEST: invalid token [redacted] (file: [redacted])');
			noSecrets(echoed);
			vg.sim.injectFaults([{ kind: 'status', status: 400, body: echo }]);
			const continued = await run(uploadFile(), [leads()], { continueOnFail: true });
			expect(continued.output[0].json.error).toContain('invalid token [redacted]');
			noSecrets(continued);
		});

		it('retries a 500 and a 429 (re-sending a file is harmless: VoiceGenie skips numbers it has)', async () => {
			vg.sim.injectFaults([
				{ kind: 'status', status: 500, body: { success: false, message: 'Failed to process campaign data', error: 'INTERNAL_SERVER_ERROR' } },
				{ kind: 'status', status: 429, headers: { 'retry-after': '0' }, body: { success: false, error: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' } },
			]);
			const result = await run(uploadFile({ options: { maxRetries: 2 } }), [leads()]);
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toMatchObject({ uploaded_count: 2, failed_count: 0 });
			expect(uploads().map((r) => r.status)).toEqual([500, 429, 200]);
		});
	});
});
