/** The OSMTalk simulator itself, so that passing against it means something. */
import { OSMTALK_KEY, OsmTalkSimulator } from '../../simulators/osmtalk';
import { startSimulator } from './harness';

let sim: OsmTalkSimulator;

beforeEach(async () => {
	sim = await startSimulator();
});

afterEach(async () => {
	await sim.stop();
});

describe('the simulator itself (so that passing against it means something)', () => {
	const call = async (method: string, path: string, body?: string, type = 'application/json', key = OSMTALK_KEY) => {
		const response = await fetch(`${sim.baseUrl}${path}`, {
			method,
			headers: { authorization: `Bearer ${key}`, 'content-type': type },
			body,
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	};

	it('takes CSV and CSV-in-JSON uploads under the documented rules', async () => {
		sim.seedCampaign({ id: 'cmp_s' });
		const csv = 'Phone,first_name\n+919876543210,Arjun\nnot-a-phone,Meera\n';
		expect(await call('POST', '/api/campaigns/cmp_s/leads', csv, 'text/csv')).toEqual({
			status: 200,
			body: { inserted: 1, csvErrors: [{ row: 2, phoneNumber: 'not-a-phone', error: 'phone number "not-a-phone" is not E.164' }] },
		});
		expect((await call('POST', '/api/campaigns/cmp_s/leads', JSON.stringify({ csv: 'number,x\n+919876543211,1' }))).body).toEqual({ inserted: 1, csvErrors: [] });
		expect((await call('POST', '/api/campaigns/cmp_s/leads', 'phone,phone_number\n+919876543212,+919876543213', 'text/csv')).status).toBe(400);
		const wide = `phone,${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}\n+919876543214${',x'.repeat(51)}`;
		expect((await call('POST', '/api/campaigns/cmp_s/leads', wide, 'text/csv')).body.details[0].message).toMatch(/51 columns after the phone; at most 50/);
		expect((await call('POST', '/api/campaigns/cmp_s/leads', `phone,note\n+919876543215,${'y'.repeat(4001)}`, 'text/csv')).body.csvErrors[0].error).toMatch(/longer than 4000/);
		expect((await call('GET', '/api/campaigns/cmp_s/leads?limit=1001')).status).toBe(400);
		expect((await call('GET', '/api/campaigns/cmp_s', undefined, 'application/json', 'bad')).status).toBe(401);
	});

	it('validates campaigns and the DNC source', async () => {
		const created = await call('POST', '/api/campaigns', JSON.stringify({ name: 'x', agentId: 'agent_1', phoneNumberId: 'pn_1', maxConcurrent: 51, colour: 'red' }));
		expect(created.status).toBe(400);
		expect(created.body.details).toEqual([
			{ field: 'colour', message: 'unknown field' },
			{ field: 'maxConcurrent', message: 'must be an integer between 1 and 50' },
		]);
		expect((await call('POST', '/api/campaigns/dnc', JSON.stringify({ phoneNumber: '+919876543210', source: 'robot' }))).status).toBe(400);
		const bulk = await call('POST', '/api/campaigns/dnc/bulk', JSON.stringify({ entries: [{ phoneNumber: '+919876543210' }, { phoneNumber: '+919876543210' }] }));
		expect(bulk.body).toEqual({ inserted: 1, ignored: 1 });
	});
});
