/** The benchmark's synthetic contacts: the same seed gives the same data on every run. */
import * as fs from 'node:fs';

import type { SourceRow } from '../../nodes/shared/contacts/types';
import { mulberry32 } from '../../test/support/prng';

const INDIAN_FORMATS: Array<(digits: string) => string> = [
	(d) => d,
	(d) => `+91${d}`,
	(d) => `+91 ${d.slice(0, 5)} ${d.slice(5)}`,
	(d) => `0${d}`,
	(d) => `91${d}`,
	(d) => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
];
const INDIAN_INVALID = ['12345', 'n/a', '98765', '+1 555', 'call later', '9.19877E+11', '000000'];

/** Real US area codes, so that most generated numbers are valid in the full metadata. */
const AREA_CODES = ['212', '415', '646', '312', '617', '202', '305', '713', '206', '503', '404', '512'];
const INTERNATIONAL_FORMATS: Array<(national: string) => string> = [
	(n) => `+1${n}`,
	(n) => `(${n.slice(0, 3)}) ${n.slice(3, 6)}-${n.slice(6)}`,
	(n) => `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`,
	(n) => `1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
	(n) => `${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`,
	(n) => `+1 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`,
];
const OTHER_COUNTRIES: Array<(random: () => number) => string> = [
	(r) => `+44 20 7946 ${String(Math.floor(r() * 1e4)).padStart(4, '0')}`,
	(r) => `+91${6 + Math.floor(r() * 4)}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
	(r) => `+61 4${String(Math.floor(r() * 1e8)).padStart(8, '0')}`,
	(r) => `+971 50 ${String(Math.floor(r() * 1e7)).padStart(7, '0')}`,
];
const INTERNATIONAL_INVALID = ['12345', 'n/a', '555-0101', '+1 555', 'call later', '1.41555E+10', '000000'];

/**
 * `count` contact rows, ~10 % repeating an earlier number (in another format), ~3 % unreadable.
 * `indian`: Indian mobiles in six formats (OSVI's data). `international`: US numbers in six
 * formats with ~10 % from GB, IN, AU and AE in E.164 (the generic rule's data, default country US).
 */
export function syntheticRows(count: number, seed = 42, kind: 'indian' | 'international' = 'indian'): SourceRow[] {
	const random = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const seen: string[] = [];
	const rows: SourceRow[] = new Array(count);
	for (let i = 0; i < count; i++) {
		const roll = random();
		let phone: string;
		if (roll < 0.03) phone = pick(kind === 'indian' ? INDIAN_INVALID : INTERNATIONAL_INVALID);
		else if (kind === 'international' && roll > 0.9) phone = pick(OTHER_COUNTRIES)(random);
		else {
			let digits: string;
			if (roll < 0.13 && seen.length > 0) digits = pick(seen);
			else {
				digits =
					kind === 'indian'
						? `${6 + Math.floor(random() * 4)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`
						: `${pick(AREA_CODES)}${2 + Math.floor(random() * 8)}${String(Math.floor(random() * 1e6)).padStart(6, '0')}`;
				seen.push(digits);
			}
			phone = pick(kind === 'indian' ? INDIAN_FORMATS : INTERNATIONAL_FORMATS)(digits);
		}
		const fields =
			kind === 'indian'
				? { phone, name: `Contact ${i}`, plan: i % 2 ? 'Pro' : 'Basic' }
				: { phone, first_name: `Lead ${i}`, email: `lead${i}@example.com`, plan: i % 2 ? 'Pro' : 'Basic' };
		rows[i] = { itemIndex: i, row: null, fields };
	}
	return rows;
}

/** Writes Indian contact rows as a CSV file (`phone,name,plan`); the values hold no commas or quotes. */
export function writeContactsCsv(file: string, count: number, seed = 42): void {
	const rows = syntheticRows(count, seed);
	const fd = fs.openSync(file, 'w');
	try {
		fs.writeSync(fd, 'phone,name,plan\n');
		const CHUNK = 10_000;
		for (let start = 0; start < count; start += CHUNK) {
			let text = '';
			for (let i = start; i < Math.min(count, start + CHUNK); i++) {
				const { phone, name, plan } = rows[i].fields as Record<string, string>;
				text += `${phone},${name},${plan}\n`;
			}
			fs.writeSync(fd, text);
		}
	} finally {
		fs.closeSync(fd);
	}
}
