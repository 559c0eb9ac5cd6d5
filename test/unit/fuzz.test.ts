/**
 * Property tests: whatever rows come in, the pipeline never throws and accounts for every row —
 * exactly one record per row, each either with a final status and reason or in exactly one batch.
 */
import { readCsv } from '../../nodes/shared/contacts/csv';
import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { prepareContacts } from '../../nodes/shared/contacts/pipeline';
import { contactResult } from '../../nodes/shared/contacts/results';
import type { ContactProfile, SourceRow } from '../../nodes/shared/contacts/types';
import { osmTalkLeadProfile } from '../../nodes/OsmTalk/profile';
import { osviProfile } from '../../nodes/Osvi/profile';
import { OSMTALK_KEY, OsmTalkSimulator } from '../simulators/osmtalk';
import { OSVI_TOKEN, OsviSimulator } from '../simulators/osvi';
import { csvItem, runNode } from '../support/engine';
import { mulberry32 } from '../support/prng';

/** Random helpers over a seeded PRNG, so a failure can be replayed from its seed. */
function random(seed: number) {
	const next = mulberry32(seed);
	const int = (max: number) => Math.floor(next() * max);
	const pick = <T>(list: readonly T[]): T => list[int(list.length)];
	return { next, int, pick };
}

const PHONE_SHAPES = [
	() => '9876543210',
	() => '+91 98765 43210',
	() => '(415) 555-0101',
	() => '+14155550101',
	() => '919876543210',
	() => '00919876543210',
	() => '',
	() => '   ',
	() => 'call me',
	() => '9.19877E+11',
	() => '+',
	() => '0',
	() => '٩٨٧٦٥٤٣٢١٠',
	() => '+91 ' + '9'.repeat(40),
	() => '+919876510004 x123',
	() => '98765 10004 ext. 7',
	() => 'tel:+91-98765-10004;ext=55',
	() => '9876543210\uFFFD',
];

/** A value nested `levels` deep. */
function nested(levels: number): unknown {
	let value: unknown = 'leaf';
	for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { inner: value };
	return value;
}

function cyclic(): unknown {
	const value: Record<string, unknown> = { a: 1 };
	value.self = { back: value };
	return value;
}

function randomValue(r: ReturnType<typeof random>): unknown {
	switch (r.int(12)) {
		case 9:
			return nested(r.pick([3, 99, 101, 5000]));
		case 10:
			return cyclic();
		case 11:
			return 'x'.repeat(r.next() < 0.1 ? 1_048_576 : r.pick([1, 1_000]));
		case 0:
			return r.pick(PHONE_SHAPES)();
		case 1:
			return r.int(10 ** 12);
		case 2:
			return null;
		case 3:
			return undefined;
		case 4:
			return [r.pick(PHONE_SHAPES)(), r.int(100)];
		case 5:
			return { nested: r.pick(PHONE_SHAPES)() };
		case 6:
			return r.next() < 0.5;
		case 7:
			return String.fromCharCode(...Array.from({ length: r.int(12) }, () => r.int(0xffff)));
		default:
			return `${r.pick(['6', '7', '8', '9'])}${String(r.int(10 ** 9)).padStart(9, '0')}`;
	}
}

const KEYS = ['phone', 'Phone Number', 'mobile', 'name', 'person_name', 'first_name', 'last_name', 'email', 'plan', '', ' ', 'constructor', 'prototype', '__proto__', '__proto__x'];

function randomRows(r: ReturnType<typeof random>, count: number): SourceRow[] {
	return Array.from({ length: count }, (_, itemIndex) => {
		const fields: Record<string, unknown> = {};
		// Own properties as JSON.parse makes them: a `__proto__` key is a field, not the prototype.
		for (let k = r.int(6); k > 0; k--) Object.defineProperty(fields, r.pick(KEYS), { value: randomValue(r), enumerable: true, writable: true, configurable: true });
		return { itemIndex, row: r.next() < 0.5 ? null : itemIndex + 1, fields: fields as SourceRow['fields'] };
	});
}

const smallProfile: ContactProfile = {
	provider: 'Fuzz',
	maxBatchSize: 7,
	multiplePhones: true,
	fields: [{ key: 'name', displayName: 'Name', aliases: ['name'] }],
};

function assertAccounted(rows: SourceRow[], profile: ContactProfile, seed: number, batchSize?: number) {
	const { records, batches } = prepareContacts(rows, createRowMapper(profile, { sources: {} }), {
		profile,
		defaultCountry: 'IN',
		doNotCall: new Set(['+919876543210']),
		batchSize,
	});
	const context = `seed ${seed}`;
	expect([context, records.length]).toEqual([context, rows.length]);
	records.forEach((record, index) => expect([context, record.seq, record.itemIndex]).toEqual([context, index, rows[index].itemIndex]));
	const batched = new Set(batches.flat());
	expect([context, batched.size]).toEqual([context, batches.flat().length]);
	for (const batch of batches) {
		expect(batch.length).toBeGreaterThan(0);
		expect(batch.length).toBeLessThanOrEqual(Math.min(batchSize ?? profile.maxBatchSize, profile.maxBatchSize));
	}
	for (const record of records) {
		if (record.status === undefined) {
			expect([context, batched.has(record), record.phones.length > 0]).toEqual([context, true, true]);
		} else {
			expect([context, batched.has(record), typeof record.reason]).toEqual([context, false, 'string']);
			expect(['invalid', 'duplicate', 'suppressed']).toContain(record.status);
		}
		if (record.status === 'duplicate') expect(record.duplicateOf?.status).toBeUndefined();
		expect(() => JSON.stringify(contactResult(record))).not.toThrow();
		if (record.reason) expect([context, record.reason.length < 400]).toEqual([context, true]);
	}
}

describe('pipeline properties', () => {
	test.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('seed %i: random rows never throw and are all accounted for', (seed) => {
		const r = random(seed);
		const rows = randomRows(r, r.int(300));
		assertAccounted(rows, smallProfile, seed, r.pick([undefined, 1, 3, 7, 100]));
		assertAccounted(rows, osviProfile, seed);
		assertAccounted(rows, osmTalkLeadProfile(), seed);
		expect(({} as Record<string, unknown>).inner).toBeUndefined();
	});

	test.each(Array.from({ length: 30 }, (_, i) => 5000 + i))('seed %i: random CSV text never throws', (seed) => {
		const r = random(seed);
		const alphabet = ['a', '9', ',', ';', '"', '\n', '\r\n', ' ', '\uFEFF', '+', '\t', 'é'];
		const text = Array.from({ length: r.int(400) }, () => r.pick(alphabet)).join('');
		const result = readCsv(`phone,name\n${text}`);
		if (result.ok) {
			const rows = result.table.records;
			assertAccounted(rows, osviProfile, seed);
		} else {
			expect(typeof result.message).toBe('string');
		}
	});

	test.each(Array.from({ length: 30 }, (_, i) => 7000 + i))('seed %i: a CSV written in any encoding reads back as its text, or fails with a message', (seed) => {
		const r = random(seed);
		const alphabet = ['a', '9', ',', ';', '"', '\n', '\r\n', ' ', '+', '\t', 'é', 'ü', 'ß', 'Ø'];
		const text = `phone,name\n${Array.from({ length: r.int(300) }, () => r.pick(alphabet)).join('')}`;
		const expected = readCsv(text);
		const encodings: Array<[string, () => Buffer]> = [
			['utf-8', () => Buffer.from(text)],
			['utf-8 BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
			['utf-16le BOM', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
			['utf-16be BOM', () => {
				const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
				for (let i = 0; i < bytes.length; i += 2) [bytes[i], bytes[i + 1]] = [bytes[i + 1], bytes[i]];
				return bytes;
			}],
			['windows-1252', () => Buffer.from(text, 'latin1')],
		];
		const [name, encode] = r.pick(encodings);
		const result = readCsv(encode());
		const context = `seed ${seed} ${name}`;
		expect([context, result.ok]).toEqual([context, expected.ok]);
		if (result.ok && expected.ok) {
			expect([context, result.table.records.map((record) => [record.row, record.fields, record.problem])]).toEqual([
				context,
				expected.table.records.map((record) => [record.row, record.fields, record.problem]),
			]);
			assertAccounted(result.table.records, osviProfile, seed);
		}
	});

	test.each(Array.from({ length: 40 }, (_, i) => 9000 + i))('seed %i: random bytes decode without a replacement character, or fail naming a row', (seed) => {
		const r = random(seed);
		const bytes = Buffer.from(Array.from({ length: r.int(200) }, () => (r.next() < 0.7 ? r.pick([0x2c, 0x0a, 0x39, 0x61]) : r.int(256))));
		const result = readCsv(Buffer.concat([Buffer.from('phone,name\n'), bytes]), { encoding: r.pick(['auto', 'utf-8', 'windows-1252', 'utf-16le'] as const) });
		if (result.ok) expect(JSON.stringify(result.table.records)).not.toContain('\uFFFD');
		else expect([typeof result.message, result.row === undefined || result.row >= 0]).toEqual(['string', true]);
	});

});

/** A value as the providers' wire formats write a variable: text as is, anything else as JSON. */
function wireText(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Checks one wire contact against the input item it came from: every variable is one of the
 * item's own fields with the same value; the name is made of the item's words; the phone's digits
 * are in the item's phone.
 */
function expectFromInput(context: string, variables: Record<string, unknown>, input: Record<string, unknown>, name?: unknown) {
	for (const [key, value] of Object.entries(variables)) {
		const given = Object.getOwnPropertyDescriptor(input, key);
		expect([context, key, given !== undefined && wireText(given.value).trim() === String(value).trim()]).toEqual([context, key, true]);
	}
	if (name !== undefined) {
		const words = Object.values(input).map(wireText).join(' ');
		for (const word of String(name).split(' ')) expect([context, words.includes(word)]).toEqual([context, true]);
	}
}

describe('engine properties: what reaches the simulator is what the user gave', () => {
	const operations = [
		{
			name: 'OSVI',
			async start() {
				const sim = new OsviSimulator();
				await sim.start();
				sim.addCampaign(1);
				sim.addAgent('agent_fuzz');
				return {
					sim,
					node: { type: 'osvi', parameters: { resource: 'campaign', operation: 'addContacts', campaignId: 1, agentUuid: 'agent_fuzz' }, credentials: { osviApi: 'OSVI' } },
					credentials: { osviApi: { apiToken: OSVI_TOKEN, baseUrl: sim.baseUrl } },
					/** The wire contacts as [phone, variables, name]. */
					contacts: () =>
						sim.received('POST', /\/contacts$/).flatMap((request) =>
							((request.body as { contacts: Array<Record<string, unknown>> }).contacts).map(({ phone, person_name, ...variables }) => [phone, variables, person_name] as const),
						),
				};
			},
		},
		{
			name: 'OSMTalk',
			async start() {
				const sim = new OsmTalkSimulator();
				sim.addAgent('agent_1', 7);
				sim.addPhoneNumber('pn_1');
				await sim.start();
				sim.seedCampaign({ id: 'cmp_fuzz' });
				return {
					sim,
					node: { type: 'osmTalk', parameters: { resource: 'lead', operation: 'add', campaignId: 'cmp_fuzz', options: { defaultCountry: 'IN' } }, credentials: { osmTalkApi: 'OSMTalk' } },
					credentials: { osmTalkApi: { apiKey: OSMTALK_KEY, baseUrl: sim.baseUrl, webhookSecret: 'whsec_fuzz' } },
					contacts: () =>
						sim.received('POST', /\/leads$/).flatMap((request) =>
							((request.body as { leads: Array<{ phoneNumber: string; variables: Record<string, unknown> }> }).leads).map((lead) => [lead.phoneNumber, lead.variables, undefined] as const),
						),
				};
			},
		},
	];

	test.each(operations.flatMap((operation) => Array.from({ length: 6 }, (_, i) => [operation.name, 11_000 + i, operation] as const)))(
		'%s seed %i: random items and CSV files through the node: counts in = counts out, nothing sent that was not given',
		async (_name, seed, operation) => {
			const r = random(seed);
			const { sim, node, credentials, contacts } = await operation.start();
			try {
				const useCsv = seed % 2 === 1;
				let inputs: Array<Record<string, unknown>>;
				let items;
				if (useCsv) {
					const lines = Array.from({ length: 1 + r.int(60) }, () => [r.pick(PHONE_SHAPES)(), r.pick(['Zoë', 'José Müller', '', ' , ', 'Ann']), r.pick(['Köln', 'x', ''])]);
					// The first row is always sendable, so every run sends something to compare.
					lines.unshift(['9876543219', 'Fixed Person', 'Köln']);
					const text = ['phone,name,city', ...lines.map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))].join('\r\n');
					const bytes = r.pick([Buffer.from(text), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), Buffer.from(text.replace(/[^\x00-\xff]/g, '?'), 'latin1')]);
					const table = readCsv(bytes);
					if (!table.ok) throw new Error(`seed ${seed}: ${table.message}`);
					inputs = table.table.records.map((record) => record.fields as Record<string, unknown>);
					items = [csvItem(bytes)];
				} else {
					inputs = [{ phone: '+919876543219', name: 'Fixed Person', city: 'Köln' }, ...randomRows(r, 1 + r.int(80)).map((row) => row.fields as Record<string, unknown>)];
					// A cyclic item cannot be an n8n item at all (n8n copies items); those are covered above.
					inputs = inputs.filter((fields) => Object.values(fields).every((value) => { try { JSON.stringify(value); return true; } catch { return false; } }));
					items = inputs.map((json) => ({ json: json as never }));
				}
				const result = await runNode({ ...node, parameters: { ...node.parameters, contactSource: useCsv ? 'csv' : 'items' } }, { items, credentials });
				const context = `${operation.name} seed ${seed}`;
				expect([context, result.error?.message]).toEqual([context, undefined]);
				const out = result.output.map((item) => item.json);
				expect([context, out.length]).toEqual([context, inputs.length]);
				const sentByPhone = new Map(out.filter((item) => item.status === 'sent').map((item) => [item.phone as string, item]));
				const wire = contacts();
				expect([context, wire.length]).toEqual([context, sentByPhone.size]);
				expect([context, wire.length > 0]).toEqual([context, true]);
				for (const [phone, variables, name] of wire) {
					const item = sentByPhone.get(phone as string);
					expect([context, item !== undefined]).toEqual([context, true]);
					const input = inputs[useCsv ? (item!.row as number) - 1 : (item!.itemIndex as number)];
					expect([context, String(item!.rawPhone).replace(/\D/g, '').endsWith(String(phone).slice(-10))]).toEqual([context, true]);
					expectFromInput(context, variables as Record<string, unknown>, input, name);
				}
				expect(JSON.stringify(wire)).not.toContain('\uFFFD');
			} finally {
				await sim.stop();
			}
		},
	);
});
