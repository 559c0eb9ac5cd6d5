/**
 * Property tests: whatever rows come in, the pipeline never throws and accounts for every row —
 * exactly one record per row, each either with a final status and reason or in exactly one batch.
 */
import { readCsv } from '../../nodes/shared/contacts/csv';
import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { prepareContacts } from '../../nodes/shared/contacts/pipeline';
import { contactResult } from '../../nodes/shared/contacts/results';
import type { ContactProfile, SourceRow } from '../../nodes/shared/contacts/types';
import { osviProfile } from '../../nodes/Osvi/profile';
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
];

function randomValue(r: ReturnType<typeof random>): unknown {
	switch (r.int(9)) {
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

const KEYS = ['phone', 'Phone Number', 'mobile', 'name', 'person_name', 'first_name', 'last_name', 'email', 'plan', '', ' ', 'constructor', '__proto__x'];

function randomRows(r: ReturnType<typeof random>, count: number): SourceRow[] {
	return Array.from({ length: count }, (_, itemIndex) => {
		const fields: Record<string, unknown> = {};
		for (let k = r.int(6); k > 0; k--) fields[r.pick(KEYS)] = randomValue(r);
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
	}
}

describe('pipeline properties', () => {
	test.each(Array.from({ length: 40 }, (_, i) => 1000 + i))('seed %i: random rows never throw and are all accounted for', (seed) => {
		const r = random(seed);
		const rows = randomRows(r, r.int(300));
		assertAccounted(rows, smallProfile, seed, r.pick([undefined, 1, 3, 7, 100]));
		assertAccounted(rows, osviProfile, seed);
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
});
