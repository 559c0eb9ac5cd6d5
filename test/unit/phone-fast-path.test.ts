/**
 * The phone fast paths may not change a single result. Both paths run over a large generated set:
 * every 5-digit prefix of Indian mobiles (in the ways sheets write them) and every 3-digit national
 * prefix, at every national length 6–12, of the countries the providers serve, and every result
 * (status, E.164, reason) is compared. The general path is the same modules loaded with the fast
 * path switched off.
 */
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import { normalizeToE164 } from '../../nodes/shared/contacts/phone';
import { lengthFromParse, phoneFastPath } from '../../nodes/shared/contacts/phone-fast-path';
import type { PhoneCheck } from '../../nodes/shared/contacts/types';
import { normalizeOsviPhone } from '../../nodes/Osvi/profile';
import { mulberry32 } from '../support/prng';

type Normalize = (raw: string, country?: string) => PhoneCheck;

let generalNormalize: Normalize;
let generalOsvi: (raw: string) => PhoneCheck;
/** The fast path as the general path's modules see it: always "no shortcut". */
const switchedOff = jest.fn((): PhoneCheck | undefined => undefined);
/** The length check read from the first parse, switched off the same way: libphonenumber-js checks. */
const lengthSwitchedOff = jest.fn((): undefined => undefined);

beforeAll(() => {
	jest.isolateModules(() => {
		jest.doMock('../../nodes/shared/contacts/phone-fast-path', () => ({ phoneFastPath: switchedOff, lengthFromParse: lengthSwitchedOff }));
		/* eslint-disable @typescript-eslint/no-require-imports */
		generalNormalize = require('../../nodes/shared/contacts/phone').normalizeToE164;
		generalOsvi = require('../../nodes/Osvi/profile').normalizeOsviPhone;
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
});

const random = mulberry32(12);
const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Puts random separators (and runs of them) between the characters of `text`. */
function scatter(text: string, separators: readonly string[]): string {
	let out = '';
	for (const char of text) {
		out += char;
		if (random() < 0.3) out += pick(separators).repeat(1 + Math.floor(random() * 2));
	}
	return out;
}

const SHEET_SEPARATORS = [' ', '-', '.', '(', ')'];
const OTHER_SEPARATORS = ['\t', '\u00a0', '/', '_', '+', 'x'];

/** The ways an Indian number (given as its national digits) is written. */
const INDIAN_FORMATS: Array<(d: string) => string> = [
	(d) => d,
	(d) => `+91${d}`,
	(d) => `91${d}`,
	(d) => `0${d}`,
	(d) => `0091${d}`,
	(d) => `+910${d}`,
	(d) => `+91 ${d.slice(0, 5)} ${d.slice(5)}`,
	(d) => `+91-${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6)}`,
	(d) => `(+91) ${d.slice(0, 5)}-${d.slice(5)}`,
	(d) => `+(91) ${d}`,
	(d) => `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`,
	(d) => `${d.slice(0, 5)}.${d.slice(5)}`,
	(d) => `(${d.slice(0, 3)}) ${d.slice(3)}`,
	(d) => `91 ${d}`,
	(d) => `+ 91 ${d}`,
	(d) => `${d}.`,
	(d) => `-${d}`,
	(d) => scatter(`+91${d}`, SHEET_SEPARATORS),
	(d) => scatter(d, SHEET_SEPARATORS),
	(d) => scatter(`0${d}`, SHEET_SEPARATORS),
	(d) => scatter(d, OTHER_SEPARATORS),
	(d) => `${d.slice(0, 5)}${' '.repeat(30)}${d.slice(5)}`,
	(d) => `${d} ext 12`,
	(d) => `tel:+91${d}`,
];

/**
 * Indian numbers: every 5-digit prefix from 60000 (every tenth below, where no mobile starts), 9–11
 * digits long, each in a random way of writing it; and every 3-digit mobile prefix in every way.
 */
function indianInputs(): string[] {
	const inputs: string[] = [];
	for (let prefix = 0; prefix < 100_000; prefix++) {
		if (prefix < 60_000 && prefix % 10 !== 0) continue;
		const head = String(prefix).padStart(5, '0');
		inputs.push(pick(INDIAN_FORMATS)(head + digits(5)));
		if (prefix % 5 === 0) inputs.push(pick(INDIAN_FORMATS)(head + digits(pick([4, 6]))));
	}
	for (let prefix = 600; prefix < 1000; prefix++) {
		for (const format of INDIAN_FORMATS) inputs.push(format(String(prefix) + digits(7)));
	}
	return inputs;
}

/** The countries the providers serve (IN is covered above at 5 digits). */
const COUNTRIES: CountryCode[] = ['US', 'CA', 'GB', 'AU', 'AE', 'SG', 'IN', 'DE', 'NZ', 'PH'];

/** Every 3-digit national prefix at every national length 6–12, as E.164 and as a sheet writes it. */
function internationalInputs(): Array<[string, CountryCode | undefined]> {
	const inputs: Array<[string, CountryCode | undefined]> = [];
	for (const country of COUNTRIES) {
		const code = getCountryCallingCode(country);
		for (let prefix = 0; prefix < 1000; prefix++) {
			const head = String(prefix).padStart(3, '0');
			for (let length = 6; length <= 12; length++) {
				const national = head + digits(length - 3);
				const defaultCountry = pick([country, undefined, 'US', 'IN'] as const);
				// Two in three as E.164 (the shape with a shortcut), the rest as a sheet writes it.
				if (random() < 2 / 3) {
					inputs.push([`+${code}${national}`, defaultCountry]);
					continue;
				}
				const written = pick([
					`${code}${national}`,
					`0${national}`,
					national,
					`+${code} ${national.slice(0, 3)} ${national.slice(3)}`,
					`00${code}${national}`,
				]);
				inputs.push([written, defaultCountry]);
			}
		}
	}
	return inputs;
}

/** The ways a North American number (area code, exchange, line) is written. */
const NANP_FORMATS: Array<(a: string, e: string, l: string) => string> = [
	(a, e, l) => `${a}${e}${l}`,
	(a, e, l) => `+1${a}${e}${l}`,
	(a, e, l) => `1${a}${e}${l}`,
	(a, e, l) => `(${a}) ${e}-${l}`,
	(a, e, l) => `(${a})${e}-${l}`,
	(a, e, l) => `${a}-${e}-${l}`,
	(a, e, l) => `${a}.${e}.${l}`,
	(a, e, l) => `${a} ${e} ${l}`,
	(a, e, l) => `1 ${a} ${e} ${l}`,
	(a, e, l) => `1-${a}-${e}-${l}`,
	(a, e, l) => `+1 ${a} ${e} ${l}`,
	(a, e, l) => `+1 (${a}) ${e}-${l}`,
	(a, e, l) => `+1-${a}-${e}-${l}`,
	(a, e, l) => `+1.${a}.${e}.${l}`,
	(a, e, l) => `(${a} ${e}-${l}`,
	(a, e, l) => `${a}) ${e}-${l}`,
	(a, e, l) => `+1(${a})${e}${l}`,
	(a, e, l) => `001${a}${e}${l}`,
	(a, e, l) => `011${a}${e}${l}`,
	(a, e, l) => `${a}-${e}-${l} x12`,
	(a, e, l) => `${a}${e}${l}${pick(['', '0', '12'])}`,
	(a, e, l) => scatter(`${a}${e}${l}`, SHEET_SEPARATORS),
	(a, e, l) => scatter(`+1${a}${e}${l}`, SHEET_SEPARATORS),
	(a, e, l) => scatter(`${a}${e}${l}`, OTHER_SEPARATORS),
];

/**
 * North American numbers: every area code 000–999 with every exchange block (first two digits of
 * the exchange), each in a random way of writing it and with a random default country; and every
 * area code in every way. US, Canadian, Caribbean and invalid area codes all occur.
 */
function northAmericanInputs(): Array<[string, CountryCode | undefined]> {
	const inputs: Array<[string, CountryCode | undefined]> = [];
	const defaults = ['US', 'US', 'CA', 'GB', 'IN', undefined] as const;
	for (let area = 0; area < 1000; area++) {
		const a = String(area).padStart(3, '0');
		for (let block = 0; block < 100; block++) {
			const e = String(block).padStart(2, '0') + digits(1);
			inputs.push([pick(NANP_FORMATS)(a, e, digits(4)), pick(defaults)]);
		}
		for (const format of NANP_FORMATS) inputs.push([format(a, digits(3), digits(4)), pick(defaults)]);
	}
	return inputs;
}

/**
 * Text without an ASCII digit, as junk cells hold it: words, punctuation, plus signs, "tel:" and
 * phone-context URIs, extension markers, and digits libphonenumber-js reads besides ASCII
 * (full-width, Arabic-Indic, Persian), at lengths around libphonenumber-js's 250-character limit.
 */
function digitFreeInputs(): Array<[string, CountryCode | undefined]> {
	const pieces = ['n/a', 'N/A', 'call later', 'none', '-', '+', '++', '#', 'x', 'ext', 'tel:', 'tel:+', ';phone-context=', ';phone-context=example.com', ';isub=', '(', ')', '.', ' ', '\u00a0', '\uFF0B', 'abc', 'FLOWERS', '*', '/', 'é', '📞'];
	const nonAsciiDigits = ['\uFF11', '\uFF19', '\u0661', '\u0669', '\u06F1', '\u06F9'];
	const defaults = ['IN', 'US', 'GB', undefined] as const;
	const inputs: Array<[string, CountryCode | undefined]> = [];
	for (let i = 0; i < 20_000; i++) {
		let text = '';
		const parts = 1 + Math.floor(random() * 6);
		for (let part = 0; part < parts; part++) text += pick(pieces);
		// One in five carries digits that are not ASCII, 3–12 of them: the shortcut must leave these alone.
		if (random() < 0.2) text += Array.from({ length: 3 + Math.floor(random() * 10) }, () => pick(nonAsciiDigits)).join('');
		inputs.push([text, pick(defaults)]);
	}
	for (const length of [249, 250, 251, 300]) {
		for (const country of defaults) inputs.push(['call later '.repeat(30).slice(0, length), country]);
	}
	return inputs.filter(([text]) => text.trim() !== '');
}

/**
 * Numbers of every length 1–20 (too short, too long, of a wrong length, possible), with and without
 * "+", trunk and international prefixes, separators and trailing marks, for several default
 * countries: the invalid numbers whose reason says what is wrong with their length.
 */
function lengthInputs(): Array<[string, CountryCode | undefined]> {
	const prefixes = ['', '', '+', '0', '00', '+1', '1', '+91', '91', '+44', '+61', '+971', '+800', '+888', '+0'];
	const endings = ['', '', '', '#', ' ', 'x', ')', '.', ' ext 5'];
	const defaults = ['IN', 'US', 'GB', 'AU', 'AE', 'SG', 'DE', undefined] as const;
	const inputs: Array<[string, CountryCode | undefined]> = [];
	for (let i = 0; i < 40_000; i++) {
		const national = digits(1 + Math.floor(random() * 20));
		let text = pick(prefixes) + (random() < 0.3 ? scatter(national, SHEET_SEPARATORS) : national) + pick(endings);
		if (random() < 0.05) text = `(${text}`;
		inputs.push([text, pick(defaults)]);
	}
	for (const junk of ['12345', '98765', '000000', '+1 555', '555-0101', '0', '1', '+1', '00', '+9']) {
		for (const country of defaults) inputs.push([junk, country]);
	}
	return inputs;
}

/** The share of inputs whose length check lengthFromParse reads from the first parse. */
function lengthShortcutShare(inputs: Array<[string, CountryCode | undefined]>): number {
	let answered = 0;
	for (const [raw, country] of inputs) {
		const text = raw.trim();
		const parsed = parsePhoneNumberFromString(text, country);
		if (parsed && lengthFromParse(text, parsed) !== undefined) answered++;
	}
	return answered / inputs.length;
}

function differences(inputs: Array<[string, string | undefined]>, fast: Normalize, general: Normalize): string[] {
	const found: string[] = [];
	for (const [raw, country] of inputs) {
		const a = fast(raw, country);
		const b = general(raw, country);
		if (JSON.stringify(a) !== JSON.stringify(b)) {
			found.push(`${JSON.stringify(raw)} (${country}): ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
			if (found.length === 20) break;
		}
	}
	return found;
}

function fastPathShare(inputs: Array<[string, string | undefined]>): number {
	let answered = 0;
	for (const [raw, country] of inputs) if (phoneFastPath(raw.trim(), country as CountryCode | undefined)) answered++;
	return answered / inputs.length;
}

describe('phone fast paths give exactly the results of the general path', () => {
	test('OSVI\'s rule on Indian numbers: every 5-digit mobile prefix, 24 ways of writing them', () => {
		const inputs = indianInputs();
		expect(inputs.length).toBeGreaterThan(60_000);
		const pairs = inputs.map((raw) => [raw, 'IN'] as [string, string]);
		// The comparison means something only if the fast path answers a good part of the set.
		expect(fastPathShare(pairs)).toBeGreaterThan(0.3);
		// OSVI's rule passes normalizeToE164's result through (or names its E.164), so this also
		// compares the generic rule with 'IN' as the default country.
		expect(differences(pairs, (raw) => normalizeOsviPhone(raw), (raw) => generalOsvi(raw))).toEqual([]);
	});

	test('the generic E.164 rule: every 3-digit prefix and length of 10 countries, with and without a default country', () => {
		const inputs = internationalInputs();
		expect(inputs.length).toBe(COUNTRIES.length * 1000 * 7);
		expect(fastPathShare(inputs)).toBeGreaterThan(0.1);
		expect(differences(inputs, normalizeToE164, generalNormalize)).toEqual([]);
	});

	test('North American numbers: every area code and exchange block, 24 ways of writing them, several default countries', () => {
		const inputs = northAmericanInputs();
		expect(inputs.length).toBe(1000 * (100 + NANP_FORMATS.length));
		expect(fastPathShare(inputs)).toBeGreaterThan(0.1);
		expect(differences(inputs, normalizeToE164, generalNormalize)).toEqual([]);
	});

	test('text without digits, and with digits other than ASCII ones, for several default countries', () => {
		const inputs = digitFreeInputs();
		expect(inputs.length).toBeGreaterThan(15_000);
		expect(fastPathShare(inputs)).toBeGreaterThan(0.5);
		expect(differences(inputs, normalizeToE164, generalNormalize)).toEqual([]);
	});

	test('numbers of every length 1–20, written in many ways, for several default countries', () => {
		const inputs = lengthInputs();
		expect(lengthShortcutShare(inputs)).toBeGreaterThan(0.3);
		expect(differences(inputs, normalizeToE164, generalNormalize)).toEqual([]);
	});

	test('the general path is really switched off in the comparison', () => {
		// Without this, both sides could be the fast path and every comparison would pass.
		switchedOff.mockClear();
		expect(generalNormalize('9876543210', 'IN')).toEqual({ ok: true, phone: '+919876543210' });
		expect(generalOsvi('+91 98765 43210')).toEqual({ ok: true, phone: '+919876543210' });
		expect(switchedOff).toHaveBeenCalledTimes(2);
		lengthSwitchedOff.mockClear();
		expect(generalNormalize('12345', 'IN')).toEqual({ ok: false, reason: '"12345" is too short for India (IN)' });
		expect(lengthSwitchedOff).toHaveBeenCalledTimes(1);
		expect(phoneFastPath('9876543210', 'IN')).toEqual({ ok: true, phone: '+919876543210' });
		expect(phoneFastPath('(212) 555-0123', 'US')).toEqual({ ok: true, phone: '+12125550123' });
	});
});
