/**
 * Contact files as spreadsheets and CRMs export them, through every upload operation in n8n's
 * engine against the provider simulators. Each file is written here in its encoding, byte by byte.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ANYREACH_ORG_KEY, AnyreachSimulator } from '../simulators/anyreach';
import { OSMTALK_KEY, OsmTalkSimulator } from '../simulators/osmtalk';
import { OSVI_TOKEN, OsviSimulator } from '../simulators/osvi';
import { TRUEDY_KEY, TruedySimulator } from '../simulators/truedy';
import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../simulators/voicegenie';
import { csvItem, runNode, type RunResult } from '../support/engine';

interface Sim {
	baseUrl: string;
	start(): Promise<unknown>;
	stop(): Promise<void>;
	requests: Array<{ method: string; path: string; body: unknown }>;
}

interface Operation {
	name: string;
	/** Whether the wire carries the name and city (a Do-Not-Call list carries numbers only). */
	carriesText: boolean;
	setUp(): Promise<{ sim: Sim; node: { type: string; parameters: IDataObject; credentials: Record<string, string> }; credentials: Record<string, ICredentialDataDecryptedObject> }>;
}

const OPERATIONS: Operation[] = [
	{
		name: 'OSVI Campaign → Add Contacts',
		carriesText: true,
		async setUp() {
			const sim = new OsviSimulator();
			await sim.start();
			sim.addCampaign(42);
			sim.addAgent('agent_files');
			return {
				sim,
				node: { type: 'osvi', parameters: { resource: 'campaign', operation: 'addContacts', campaignId: 42, agentUuid: 'agent_files' }, credentials: { osviApi: 'OSVI' } },
				credentials: { osviApi: { apiToken: OSVI_TOKEN, baseUrl: sim.baseUrl } },
			};
		},
	},
	{
		name: 'Anyreach Contact → Upsert',
		carriesText: true,
		async setUp() {
			const sim = new AnyreachSimulator();
			await sim.start();
			const campaign = sim.addCampaign();
			return {
				sim,
				node: { type: 'anyreach', parameters: { resource: 'contact', operation: 'upsert', campaignId: campaign.id }, credentials: { anyreachApi: 'Anyreach' } },
				credentials: { anyreachApi: { token: ANYREACH_ORG_KEY, organizationId: '', baseUrl: sim.baseUrl } },
			};
		},
	},
	{
		name: 'Truedy Batch Call → Add Contacts',
		carriesText: true,
		async setUp() {
			const sim = new TruedySimulator();
			await sim.start();
			sim.addBatchCall('batch_files', 'draft');
			return {
				sim,
				node: { type: 'truedy', parameters: { resource: 'batchCall', operation: 'addContacts', batchCallId: 'batch_files' }, credentials: { truedyApi: 'Truedy' } },
				credentials: { truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_files' } },
			};
		},
	},
	{
		name: 'Truedy Batch Call → Create',
		carriesText: true,
		async setUp() {
			const sim = new TruedySimulator();
			await sim.start();
			const parameters = {
				resource: 'batchCall',
				operation: 'create',
				name: 'Files',
				agentId: 'agt_f9447372',
				additionalFields: { schedule_type: 'immediate', timezone: 'Asia/Kolkata', working_days: [1, 2, 3], start_time: '09:00', end_time: '17:00' },
			};
			return {
				sim,
				node: { type: 'truedy', parameters, credentials: { truedyApi: 'Truedy' } },
				credentials: { truedyApi: { apiKey: TRUEDY_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_files' } },
			};
		},
	},
	{
		name: 'VoiceGenie Campaign → Create or Update',
		carriesText: true,
		async setUp() {
			const sim = new VoiceGenieSimulator();
			await sim.start();
			const parameters = { resource: 'campaign', operation: 'createOrUpdate', campaignName: 'Files', scriptId: 'script_123', scheduleTime: '2024-06-01T09:00:00Z' };
			return {
				sim,
				node: { type: 'voiceGenie', parameters, credentials: { voiceGenieApi: 'VoiceGenie' } },
				credentials: { voiceGenieApi: { apiKey: VOICEGENIE_KEY, baseUrl: sim.baseUrl } },
			};
		},
	},
	{
		name: 'OSMTalk Lead → Add',
		carriesText: true,
		async setUp() {
			const sim = new OsmTalkSimulator();
			sim.addAgent('agent_1', 7);
			sim.addPhoneNumber('pn_1');
			await sim.start();
			sim.seedCampaign({ id: 'cmp_files' });
			return {
				sim,
				node: { type: 'osmTalk', parameters: { resource: 'lead', operation: 'add', campaignId: 'cmp_files' }, credentials: { osmTalkApi: 'OSMTalk' } },
				credentials: { osmTalkApi: { apiKey: OSMTALK_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_files' } },
			};
		},
	},
	{
		name: 'OSMTalk Do Not Call → Add Many',
		carriesText: false,
		async setUp() {
			const sim = new OsmTalkSimulator();
			await sim.start();
			return {
				sim,
				node: { type: 'osmTalk', parameters: { resource: 'doNotCall', operation: 'addMany', source: 'imported' }, credentials: { osmTalkApi: 'OSMTalk' } },
				credentials: { osmTalkApi: { apiKey: OSMTALK_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_files' } },
			};
		},
	},
];

/** An Excel "Unicode Text" export: UTF-16LE with a byte-order mark, tab-delimited, CRLF. */
function unicodeText(lines: string[]): Buffer {
	return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf16le')]);
}

/** Windows-1252 bytes (the characters used here are all in Latin-1 but €). */
function windows1252(lines: string[]): Buffer {
	return Buffer.from([...(lines.join('\r\n') + '\r\n')].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

function fileItem(bytes: Buffer): INodeExecutionData {
	return csvItem(bytes, 'data', 'contacts.csv');
}

const json = (result: RunResult) => result.output.map((item) => item.json);
const wire = (sim: Sim) => JSON.stringify(sim.requests.filter((request) => request.method === 'POST').map((request) => request.body));

describe.each(OPERATIONS)('$name: contact files', (operation) => {
	let sim: Sim;
	let run: (items: INodeExecutionData[], extra?: IDataObject) => Promise<RunResult>;

	beforeEach(async () => {
		const setUp = await operation.setUp();
		sim = setUp.sim;
		run = (items, extra = {}) =>
			runNode(
				{ ...setUp.node, parameters: { ...setUp.node.parameters, contactSource: 'csv', ...extra } },
				{ items, credentials: setUp.credentials },
			);
	});

	afterEach(async () => {
		await sim.stop();
	});

	test('UTF-16LE "Unicode Text" with a blank row and an extension: rows as in the file, names intact, nothing cut', async () => {
		const file = unicodeText([
			'phone\tname\tfirst_name\tlast_name\tcity',
			'+919876510001\tJosé Müller\tJosé\tMüller\tKöln',
			'\t\t \t\t',
			'+919876510004 x123\tExt Person\tExt\tPerson\tPune',
			'+919876510002\tZoë Ñandú\tZoë\tÑandú\t€ Straße',
		]);
		const result = await run([fileItem(file)], { options: { includeInputFields: true } });
		expect(result.error).toBeUndefined();
		expect(json(result).map((item) => [item.row, item.status])).toEqual([
			[1, 'sent'],
			[2, 'invalid'],
			[3, 'invalid'],
			[4, 'sent'],
		]);
		expect(json(result)[1].reason).toBe('empty row');
		expect(json(result)[2].reason).toMatch(/^"\+919876510004 x123" has the extension 123, which cannot be sent/);
		expect(json(result)[0]).toMatchObject({ city: 'Köln', name: 'José Müller', rawPhone: '+919876510001', phone: '+919876510001' });
		expect(json(result)[0]).not.toHaveProperty('fileEncoding');

		const body = wire(sim);
		expect(body).toContain('+919876510001');
		expect(body).toContain('+919876510002');
		expect(body).not.toContain('919876510004');
		expect(body).not.toMatch(/\\u0000|\uFFFD/);
		if (operation.carriesText) {
			expect(body).toMatch(/José|Müller/);
			expect(body).toMatch(/Zoë|Ñandú/);
		}
	});

	test('Windows-1252 with Auto: read as Windows-1252, said on each contact and in the summary', async () => {
		const file = windows1252(['phone,name,first_name,last_name,city', '+919876510011,José Müller,José,Müller,Köln', '+919876510012,Renée Faß,Renée,Faß,€ Zürich']);
		const perContact = await run([fileItem(file)]);
		expect(perContact.error).toBeUndefined();
		expect(json(perContact).map((item) => [item.status, item.fileEncoding])).toEqual([
			['sent', 'Windows-1252'],
			['sent', 'Windows-1252'],
		]);
		const body = wire(sim);
		expect(body).not.toContain('\uFFFD');
		if (operation.carriesText) expect(body).toMatch(/Müller/);

		const summary = await run([fileItem(file)], { options: { output: 'summary' } });
		expect(summary.error).toBeUndefined();
		expect(json(summary)[0].encoding).toEqual([expect.stringMatching(/^The CSV file of item 0 was read as Windows-1252: the file is not valid UTF-8/)]);
	});

	test('CSV Encoding set to Windows-1252 or UTF-16BE reads the file as set, with no guess reported', async () => {
		const latin = windows1252(['phone,name,first_name,city', '+919876510031,Søren Ærø,Søren,Århus']);
		const set1252 = await run([fileItem(latin)], { options: { csvEncoding: 'windows-1252' } });
		expect(set1252.error).toBeUndefined();
		expect(json(set1252)[0]).toMatchObject({ status: 'sent', row: 1 });
		expect(json(set1252)[0]).not.toHaveProperty('fileEncoding');
		if (operation.carriesText) expect(wire(sim)).toMatch(/Søren|Århus/);

		const le = Buffer.from('phone,name\r\n+919876510032,Zoë\r\n', 'utf16le');
		const be = Buffer.from(le);
		for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
		const set16 = await run([fileItem(be)], { options: { csvEncoding: 'utf-16be' } });
		expect(set16.error).toBeUndefined();
		expect(json(set16).map((item) => [item.row, item.status, item.phone])).toEqual([[1, 'sent', '+919876510032']]);
	});

	test('a spreadsheet (.xlsx) or an unreadable encoding stops before any request, saying what to do', async () => {
		const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml')]);
		const workbook = await run([fileItem(xlsx)]);
		expect(workbook.error?.message).toBe('Item 0: the file in "data" is an Excel workbook (.xlsx) or another ZIP archive, not a CSV file');
		expect(workbook.error?.description).toMatch(/Extract From File/);

		const broken = Buffer.concat([Buffer.from('phone,name\n+919876510021,Ravi\n+919876510022,'), Buffer.from([0x81, 0x8d]), Buffer.from('\n')]);
		const unreadable = await run([fileItem(broken)]);
		expect(unreadable.error?.message).toBe('Item 0: the CSV file in "data" could not be read (row 2; the header is row 0): the file is neither UTF-8 nor Windows-1252 text');
		expect(unreadable.error?.description).toMatch(/Options → CSV Encoding/);
		expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
	});
});
