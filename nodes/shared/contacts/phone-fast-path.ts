import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import type { PhoneCheck } from './types';

/*
 * Shortcuts for the two shapes most contact lists are made of, taken before the general
 * libphonenumber-js path in normalizeToE164. Each returns a result only where it is the one the
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

/**
 * The E.164 of `text` when it has a shape with a shortcut and is valid; undefined otherwise.
 * `text` is trimmed; `country` is the already checked default country.
 */
export function phoneFastPath(text: string, country: CountryCode | undefined): PhoneCheck | undefined {
	if (country === 'IN') {
		const phone = indianMobile(text);
		if (phone !== undefined) return { ok: true, phone };
	}
	if (E164_SHAPE.test(text)) {
		// Still validated with the full metadata; only the text extraction is skipped.
		const parsed = parsePhoneNumberFromString(text, { defaultCountry: country, extract: false });
		if (parsed?.isValid()) return { ok: true, phone: parsed.number === text ? text : parsed.number };
	}
	return undefined;
}
