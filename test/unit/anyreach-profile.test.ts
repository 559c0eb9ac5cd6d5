import type { IDataObject } from 'n8n-workflow';

import { agentConfigObject, isUuid, scheduledAt } from '../../nodes/Anyreach/helpers/contactFields';
import { anyreachProfile, isAnyreachPhoneColumn, normalizeAnyreachPhone, toAnyreachContact } from '../../nodes/Anyreach/profile';
import type { ContactRecord, MappedContact } from '../../nodes/shared/contacts/types';

const UUID = '7d0c4a1e-2b3f-4c5d-8e9f-0a1b2c3d4e5f';

function contact(fields: Record<string, string> = {}, variables: IDataObject = {}, rawPhones = ['+14155550101']): MappedContact {
	return { rawPhones, fields, variables, input: {} };
}

function record(fields: Record<string, string> = {}, phones = ['+14155550101'], variables: IDataObject = {}): ContactRecord {
	return { seq: 0, itemIndex: 0, row: null, contact: contact(fields, variables, phones), phone: phones[0], phones };
}

describe('Anyreach profile', () => {
	describe('phone columns (the uploader detects them by header)', () => {
		test.each(['phone', 'Phone Number', 'mobile', 'cell', 'tel', 'phone_numbers', 'phones', 'Phone 2', 'phone_2', 'alt_phone', 'Mobile Phone', 'work phone', 'telephone'])(
			'%s is a phone column',
			(header) => expect(isAnyreachPhoneColumn(header)).toBe(true),
		);
		test.each(['name', 'external_id', 'phonetic', 'timezone', 'cellar', 'notes'])('%s is not', (header) => expect(isAnyreachPhoneColumn(header)).toBe(false));
	});

	describe('phone numbers', () => {
		test('a local number takes the Default Country', () => {
			expect(normalizeAnyreachPhone('(415) 555-0101', { defaultCountry: 'US', target: { campaignId: 'c1' } })).toEqual({ ok: true, phone: '+14155550101' });
		});
		test('the ad-hoc campaign "default" takes only numbers with a country code', () => {
			expect(normalizeAnyreachPhone('+44 20 7946 0958', { defaultCountry: 'US', target: { campaignId: 'default' } })).toEqual({ ok: true, phone: '+442079460958' });
			const local = normalizeAnyreachPhone('4155550101', { defaultCountry: 'US', target: { campaignId: ' default ' } });
			expect(local.ok).toBe(false);
			expect(local.ok ? '' : local.reason).toBe(
				'"4155550101" has no country code: contacts of Anyreach\'s ad-hoc campaign "default" must already be in E.164 (+ and country code), since no configuration supplies a default country',
			);
		});
	});

	describe('dedupe keys: Contact ID, then External ID, then the first phone number', () => {
		test.each<[Record<string, string>, string, string]>([
			[{ id: UUID.toUpperCase(), external_id: 'x' }, `id:${UUID}`, `Contact ID ${UUID.toUpperCase()}`],
			[{ external_id: 'crm-1' }, 'external_id:crm-1', 'external_id "crm-1"'],
			[{}, 'phone:+14155550101', 'first phone number +14155550101'],
		])('%j', (fields, key, label) => {
			expect(anyreachProfile.dedupeKey?.(record(fields))).toBe(key);
			expect(anyreachProfile.dedupeKeyLabel?.(record(fields))).toBe(label);
		});
		test('of two contacts with the same key the later one is kept, as Anyreach upserts in order', () => {
			expect(anyreachProfile.preferDuplicate?.(record({ external_id: 'a' }), record({ external_id: 'a' }))).toBe(true);
		});
	});

	describe('contact checks', () => {
		const validate = (fields: Record<string, string>) => anyreachProfile.validate?.(contact(fields));
		test('a valid contact passes', () => {
			expect(validate({ id: UUID, timezone: 'Europe/Paris', scheduled_at: '2026-07-01T09:00:00+02:00', agent_config: '{"voice":"calm"}', agent_number: '+14155550199' })).toBeUndefined();
		});
		test.each<[Record<string, string>, string]>([
			[{ id: 'crm-77' }, 'Contact ID "crm-77" is not a UUID: Anyreach\'s Contact ID is its own UUID for the contact; map your own key to External ID instead'],
			[{ timezone: '+05:30' }, 'timezone "+05:30" is not an IANA time zone (e.g. America/New_York)'],
			[{ scheduled_at: '2026-02-30T10:00:00Z' }, 'scheduled_at "2026-02-30T10:00:00Z" is not an ISO 8601 date-time (e.g. 2026-07-01T17:00:00Z)'],
			[{ scheduled_at: '2026-07-01' }, 'scheduled_at "2026-07-01" is not an ISO 8601 date-time (e.g. 2026-07-01T17:00:00Z)'],
			[{ agent_config: '[1]' }, 'agent_config must be a JSON object'],
			[{ agent_config: '{' }, 'agent_config is not valid JSON'],
		])('%j is refused', (fields, reason) => expect(validate(fields)).toBe(reason));
		test('agent_number needs its country code', () => {
			expect(validate({ agent_number: '4155550199' })).toMatch(/^agent_number: .* \(write the caller number with its country code\)$/);
		});
	});

	describe('field conversions', () => {
		test.each([
			['2026-07-01 17:00:00Z', '2026-07-01T17:00:00Z'],
			['2026-07-01t17:00z', '2026-07-01T17:00Z'],
			['2026-07-01T17:00:00+0530', '2026-07-01T17:00:00+05:30'],
			['2026-07-01T17:00:00.250-04:00', '2026-07-01T17:00:00.250-04:00'],
		])('scheduled_at %s is sent as %s', (given, sent) => expect(scheduledAt(given)).toEqual({ ok: true, value: sent }));
		test('UUIDs and agent_config', () => {
			expect(isUuid(UUID)).toBe(true);
			expect(isUuid('crm-1')).toBe(false);
			expect(agentConfigObject('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
		});
		test('wire format: structured fields at the top, the rest in data, never repeated inside data', () => {
			const wire = toAnyreachContact(
				record({ id: UUID.toUpperCase(), timezone: 'europe/paris', agent_version: '7' }, ['+14155550101', '+14155550102', '+14155550101'], {
					plan: 'pro',
					data: { tier: 'gold', timezone: 'UTC' },
					timezone: 'europe/paris',
				}),
			);
			expect(wire).toEqual({ id: UUID, phone_numbers: ['+14155550101', '+14155550102'], timezone: 'Europe/Paris', agent_version: 7, data: { tier: 'gold', plan: 'pro' } });
		});
	});
});
