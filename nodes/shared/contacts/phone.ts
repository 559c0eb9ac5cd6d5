import {
	getCountries,
	parsePhoneNumberFromString,
	validatePhoneNumberLength,
	type CountryCode,
} from 'libphonenumber-js/max';

import { notAPhoneNumber, quote } from './reasons';
import { lengthFromParse, phoneFastPath } from './phone-fast-path';
import type { PhoneCheck } from './types';

const KNOWN_COUNTRIES = new Set<string>(getCountries());

/** Whether `code` is an ISO 3166-1 alpha-2 country libphonenumber-js knows. */
export function isKnownCountry(code: string): boolean {
	return KNOWN_COUNTRIES.has(code);
}

/** The country list for a node's Default Country option. */
export function countryOptions(): Array<{ name: string; value: string }> {
	return [...KNOWN_COUNTRIES].sort().map((code) => ({ name: code, value: code }));
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Labels already looked up: every invalid number's reason names its country, and Intl is slow. */
const countryLabels = new Map<string, string>();

/** A country as reasons write it: "India (IN)". */
export function countryLabel(code: string): string {
	let label = countryLabels.get(code);
	if (label !== undefined) return label;
	let name: string | undefined;
	try {
		name = regionNames.of(code);
	} catch {
		name = undefined;
	}
	label = name && name !== code ? `${name} (${code})` : code;
	// Codes come from libphonenumber-js's country list (about 250), or from a Default Country checked against it.
	countryLabels.set(code, label);
	return label;
}

/** `x123`, `ext. 123`, `extension 123`, `#123` or `;ext=123` at the end of a number. */
const EXTENSION = /(?:;\s*ext=|[\s\d)](?:x|ext\.?|extn\.?|extension|#)\s*[:.]?\s*)(\d+)\s*$/i;

/**
 * A number with an extension cannot be dialled as one E.164 number, and no provider's wire format
 * carries an extension: the contact is refused rather than the extension cut off.
 */
function extensionReason(text: string, extension: string): string {
	return `${quote(text)} has the extension ${extension}, which cannot be sent: a provider dials an E.164 number without extensions; give the direct number, or move the extension to another field`;
}

const LENGTH_REASONS: Record<string, string> = {
	TOO_SHORT: 'too short',
	TOO_LONG: 'too long',
	INVALID_LENGTH: 'the wrong length',
	INVALID_COUNTRY: 'missing a valid country code',
	NOT_A_NUMBER: 'not a phone number',
};

/** Turns a raw field value into the string to parse; numbers from JSON or sheets are common. */
export function phoneText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(0) : '';
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'string') return value.trim();
	return '';
}

/**
 * Normalizes one phone number to E.164 with libphonenumber-js.
 * Accepts national formats for `defaultCountry`, international ones with `+` or `00`, and repairs the
 * commonest spreadsheet damage: a leading `+` that was dropped from an international number.
 */
export function normalizeToE164(raw: string, defaultCountry?: string): PhoneCheck {
	const text = raw.trim();
	if (text === '') return { ok: false, reason: 'no phone number given' };
	if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) {
		return {
			ok: false,
			reason: `${quote(text)} is in scientific notation: a spreadsheet turned the number into a float and its digits are lost; format the column as text`,
		};
	}
	const country = defaultCountry && isKnownCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
	const fast = phoneFastPath(text, country); if (fast) return fast;
	const parsed = parsePhoneNumberFromString(text.replace(/^tel:/i, ''), country);
	if (parsed?.isValid()) {
		return parsed.ext ? { ok: false, reason: extensionReason(text, parsed.ext) } : { ok: true, phone: parsed.number };
	}
	const extension = EXTENSION.exec(text);
	if (extension) return { ok: false, reason: extensionReason(text, extension[1]) };

	// "919876543210" from a sheet that dropped the "+": try it as international.
	if (!text.startsWith('+')) {
		const digits = text.replace(/[\s().-]/g, '');
		if (/^[1-9]\d{10,14}$/.test(digits)) {
			const international = parsePhoneNumberFromString(`+${digits}`);
			if (international?.isValid()) return { ok: true, phone: international.number };
		}
	}

	const known = parsed ? lengthFromParse(text, parsed) : undefined;
	const lengthProblem = known === undefined ? validatePhoneNumberLength(text, country) : known === 'IS_POSSIBLE' ? undefined : known;
	if (lengthProblem === 'INVALID_COUNTRY' && !country) {
		return { ok: false, reason: `${quote(text)} has no country code and no Default Country is set` };
	}
	if (lengthProblem === 'NOT_A_NUMBER' || (!lengthProblem && !parsed)) {
		return { ok: false, reason: notAPhoneNumber(text) };
	}
	if (lengthProblem) {
		const where = country && lengthProblem !== 'INVALID_COUNTRY' ? ` for ${countryLabel(country)}` : '';
		return { ok: false, reason: `${quote(text)} is ${LENGTH_REASONS[lengthProblem] ?? 'not valid'}${where}` };
	}
	const region = parsed?.country ?? country;
	return { ok: false, reason: `${quote(text)} is not a valid ${region ? `${countryLabel(region)} ` : ''}number` };
}
