import { normalizeToE164, phoneText } from '../../nodes/shared/contacts/phone';
import { normalizeOsviPhone } from '../../nodes/Osvi/profile';

describe('normalizeToE164', () => {
	test.each([
		['9876543210', 'IN', '+919876543210'],
		['+91 98765 43210', 'IN', '+919876543210'],
		['098765 43210', 'IN', '+919876543210'],
		['0091 9876543210', 'IN', '+919876543210'],
		['(415) 555-0101', 'US', '+14155550101'],
		['415.555.0101', 'US', '+14155550101'],
		['+1 415 555 0101', 'IN', '+14155550101'],
		['020 7946 0958', 'GB', '+442079460958'],
		['+44 20 7946 0958', undefined, '+442079460958'],
		['030 12345678', 'DE', '+493012345678'],
		['tel:+14155550101', undefined, '+14155550101'],
		// A spreadsheet dropped the "+": the digits are still a valid international number.
		['919876543210', 'US', '+919876543210'],
		['14155550101', 'IN', '+14155550101'],
	])('%s (default %s) → %s', (raw, country, expected) => {
		expect(normalizeToE164(raw, country)).toEqual({ ok: true, phone: expected });
	});

	test.each([
		['', 'IN', /no phone number/],
		['abc', 'IN', /not a phone number/],
		['12345', 'IN', /too short/],
		['+91987654321', 'IN', /not a valid|too short|wrong length/],
		['98765432101234567', 'IN', /too long|not a valid/],
		['9.19877E+11', 'IN', /scientific notation/],
		['4155550101', undefined, /no country code|not a phone number|missing a valid country/],
	])('%s (default %s) is invalid with a reason', (raw, country, reason) => {
		const result = normalizeToE164(raw, country);
		expect(result.ok).toBe(false);
		expect(result.ok === false && result.reason).toMatch(reason);
	});

	test('numbers from JSON and sheets become text without losing digits', () => {
		expect(phoneText(919876543210)).toBe('919876543210');
		expect(phoneText(' +91 98765 43210 ')).toBe('+91 98765 43210');
		expect(phoneText(null)).toBe('');
		expect(phoneText({ phone: 1 })).toBe('');
		expect(phoneText(Number.NaN)).toBe('');
	});
});

describe("OSVI's phone rule", () => {
	test('accepts Indian mobiles in any format and sends E.164', () => {
		for (const raw of ['9876543210', '+919876543210', '09876543210', '919876543210', '+91 6000 012 345']) {
			const result = normalizeOsviPhone(raw);
			expect(result.ok).toBe(true);
			expect(result.ok && result.phone).toMatch(/^\+91[6-9]\d{9}$/);
		}
	});

	test('refuses valid numbers that are not Indian mobiles, saying why', () => {
		const us = normalizeOsviPhone('+14155550101');
		expect(us).toEqual({ ok: false, reason: expect.stringMatching(/not an Indian mobile.*\+91 followed by 10 digits starting with 6–9/) });
		const landline = normalizeOsviPhone('011 2345 6789');
		expect(landline.ok).toBe(false);
	});
});
