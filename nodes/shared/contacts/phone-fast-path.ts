import { Metadata } from 'libphonenumber-js/core';
import {
	parsePhoneNumberFromString,
	type CountryCode,
	type PhoneNumber,
	type ValidatePhoneNumberLengthResult,
} from 'libphonenumber-js/max';
// The same metadata file libphonenumber-js/max reads (bundled once).
import maxMetadata from 'libphonenumber-js/metadata.max.json';

import { notAPhoneNumber } from './reasons';
import type { PhoneCheck } from './types';

/*
 * Shortcuts for the shapes most contact lists are made of (Indian mobiles, North American numbers,
 * E.164, and junk text without digits), taken before the general libphonenumber-js path in
 * normalizeToE164. Each returns a result only where it is the one the
 * general path gives (test/unit/phone-fast-path.test.ts runs both over every prefix block of the
 * countries the providers serve); anything else returns undefined and takes the general path.
 */

/** The separators a sheet writes in an Indian mobile: spaces, hyphens, dots, parentheses. */
const SEPARATORS = /[ ().-]/g;

/** An Indian mobile as written: optional +91, 91 or trunk 0, then 10 digits starting 6–9. */
const WRITTEN_INDIAN_MOBILE = /^(?:\+91|91|0)?([6-9]\d{9})$/;

/**
 * Longer inputs take the general path: libphonenumber-js refuses over 250 characters, and a real
 * mobile with separators never comes near this.
 */
const MAX_WRITTEN_LENGTH = 32;

/** Already E.164: libphonenumber-js's text extraction would change nothing in it. */
const E164_SHAPE = /^\+[1-9]\d{5,14}$/;

/**
 * For Indian mobiles every 10-digit number starting 6–9 is valid in libphonenumber-js's full
 * ('max') metadata, so a regex gives the same E.164 without the metadata's per-check RegExps.
 */
function indianMobile(text: string): string | undefined {
	if (text.length > MAX_WRITTEN_LENGTH) return undefined;
	const compact = text.replace(SEPARATORS, '');
	const match = WRITTEN_INDIAN_MOBILE.exec(compact);
	if (!match) return undefined;
	// Already E.164: keep the string given (often the source row's own) rather than a new one per contact.
	return compact.length === 13 && compact.startsWith('+91') ? compact : `+91${match[1]}`;
}

/** A North American number as written: optional +1 or 1, area code (maybe in parentheses), 3 + 4 digits. */
const WRITTEN_NANP = /^(?:(\+1)|(1))?[ .-]?(?:\(([2-9]\d{2})\)|([2-9]\d{2}))[ .-]?(\d{3})[ .-]?(\d{4})$/;

/** The phone number types libphonenumber-js's getNumberType tries, fixed line first. */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

/** The parts of libphonenumber-js's Metadata read here (its typings declare fewer). */
interface PlanReader {
	selectNumberingPlan(country: string): void;
	hasTypes(): boolean;
	nationalNumberPattern(): string;
	possibleLengths(): number[] | undefined;
	type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

/** A number type's check: the national lengths it allows (undefined: any) and its pattern. */
type TypeCheck = [lengths: number[] | undefined, pattern: RegExp];

let usChecks: { national: RegExp; types: TypeCheck[] } | null | undefined;

/**
 * The US plan's patterns from the full metadata, compiled once. libphonenumber-js compiles each
 * pattern again on every check (and checks a US number twice: to find its country, then isValid);
 * that is most of its time on US numbers. null when the plan is not the shape isValidUs mirrors.
 */
function usPlan(): typeof usChecks {
	if (usChecks !== undefined) return usChecks;
	const metadata = new Metadata(maxMetadata as never) as unknown as PlanReader;
	metadata.selectNumberingPlan('US');
	if (!metadata.hasTypes()) return (usChecks = null);
	const types: TypeCheck[] = [];
	for (const name of NUMBER_TYPES) {
		const type = metadata.type(name);
		if (type && type.pattern()) types.push([type.possibleLengths(), new RegExp(`^(?:${type.pattern()})$`)]);
	}
	return (usChecks = { national: new RegExp(`^(?:${metadata.nationalNumberPattern()})$`), types });
}

/**
 * Whether a 10-digit US national number is valid in the full metadata: what isValid() answers for
 * it (getNumberType finds a type), with the patterns compiled once.
 */
function isValidUs(national: string, plan: NonNullable<typeof usChecks>): boolean {
	if (!plan.national.test(national)) return false;
	for (const [lengths, pattern] of plan.types) {
		if (lengths && !lengths.includes(national.length)) continue;
		if (pattern.test(national)) return true;
	}
	return false;
}

/**
 * A North American number that is valid in the US plan: libphonenumber-js tries the US first of the
 * +1 countries and keeps it when the number is valid there, so the E.164 is +1 and the 10 digits.
 * Written without +1 only with the default country US (with another default, digits mean other
 * things). A number not valid in the US plan (Canada, the Caribbean, invalid) takes the general path.
 */
function northAmerican(text: string, country: CountryCode | undefined): string | undefined {
	if (text.length > MAX_WRITTEN_LENGTH) return undefined;
	const match = WRITTEN_NANP.exec(text);
	if (!match || (match[1] === undefined && country !== 'US')) return undefined;
	const plan = usPlan();
	if (!plan) return undefined;
	const national = `${match[3] ?? match[4]}${match[5]}${match[6]}`;
	if (!isValidUs(national, plan)) return undefined;
	// Already E.164: keep the string given rather than a new one per contact.
	return text.length === 12 && text.startsWith('+1') ? text : `+1${national}`;
}

/** Any digit libphonenumber-js reads (its VALID_DIGITS: ASCII, full-width, Arabic-Indic, Persian). */
const ANY_DIGIT = /[0-9\uFF10-\uFF19\u0660-\u0669\u06F0-\u06F9]/;

/** libphonenumber-js refuses longer inputs as too long before it looks for digits. */
const MAX_PARSED_LENGTH = 250;

/**
 * Text without a single digit ("n/a", "call later"): libphonenumber-js answers NOT_A_NUMBER both
 * when parsing it and when checking its length, but only after throwing and catching an error each
 * time, which costs as much as ~50 valid numbers.
 */
function withoutDigits(text: string): boolean {
	return text.length <= MAX_PARSED_LENGTH && !ANY_DIGIT.test(text);
}

/**
 * The result for `text` when it has a shape with a shortcut (a valid number's E.164, or text with
 * no digits at all); undefined otherwise. `text` is trimmed and not empty; `country` is the
 * already checked default country.
 */
export function phoneFastPath(text: string, country: CountryCode | undefined): PhoneCheck | undefined {
	if (country === 'IN') {
		const phone = indianMobile(text);
		if (phone !== undefined) return { ok: true, phone };
	}
	if (country === 'US' || text.startsWith('+1')) {
		const phone = northAmerican(text, country);
		if (phone !== undefined) return { ok: true, phone };
	}
	if (E164_SHAPE.test(text)) {
		// Still validated with the full metadata; only the text extraction is skipped.
		const parsed = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
		if (parsed?.isValid()) return { ok: true, phone: parsed.number === text ? text : parsed.number };
	}
	// Last: the shapes above have digits, and most contacts take one of them.
	if (withoutDigits(text)) return { ok: false, reason: notAPhoneNumber(text) };
	return undefined;
}

/** Text libphonenumber-js's extraction keeps whole: it starts with "+" or a digit and ends with a digit. */
const WHOLE_NUMBER_TEXT = /^[+0-9][\s\S]*[0-9]$/;

/** The full metadata, for the plans' possible lengths (a plan is selected per call). */
let lengthPlans: PlanReader | undefined;

/**
 * What validatePhoneNumberLength(text, country) answers ('IS_POSSIBLE' where it answers nothing),
 * read from `parsed`: what parsePhoneNumberFromString(text, country) gave. For text the extraction
 * keeps whole, both parse the same string the same way, and the answer is the possible lengths of
 * the parsed number's plan (libphonenumber-js's checkNumberLength, mirrored) — so an invalid number
 * is not parsed a second time for its reason. undefined when it cannot be read that way.
 */
export function lengthFromParse(text: string, parsed: PhoneNumber): ValidatePhoneNumberLengthResult | 'IS_POSSIBLE' | undefined {
	if (!WHOLE_NUMBER_TEXT.test(text)) return undefined;
	lengthPlans ??= new Metadata(maxMetadata as never) as unknown as PlanReader;
	lengthPlans.selectNumberingPlan(parsed.country ?? parsed.countryCallingCode);
	const lengths = lengthPlans.possibleLengths();
	if (!lengths) return 'IS_POSSIBLE';
	const length = parsed.nationalNumber.length;
	if (lengths[0] === length) return 'IS_POSSIBLE';
	if (lengths[0] > length) return 'TOO_SHORT';
	if (lengths[lengths.length - 1] < length) return 'TOO_LONG';
	return lengths.indexOf(length, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}
