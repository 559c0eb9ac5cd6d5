import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { prepareContacts } from '../../nodes/shared/contacts/pipeline';
import type { SourceRow } from '../../nodes/shared/contacts/types';
import { base64Bytes, csvHeader, fileKind, payloadTooLarge } from '../../nodes/VoiceGenie/helpers/contactsFile';
import { confirmUpload, errorContact, rejectedContacts } from '../../nodes/VoiceGenie/helpers/uploadAnswer';
import { toVoiceGenieContact, voiceGenieProfile } from '../../nodes/VoiceGenie/profile';
import { VOICEGENIE_MAX_PAYLOAD_BYTES, voiceGenieClient } from '../../nodes/VoiceGenie/transport';

function prepare(list: Array<Record<string, unknown>>, defaultCountry = 'IN') {
	const rows: SourceRow[] = list.map((fields, itemIndex) => ({ itemIndex, row: null, fields: fields as SourceRow['fields'] }));
	return prepareContacts(rows, createRowMapper(voiceGenieProfile, { sources: {} }), { profile: voiceGenieProfile, defaultCountry });
}

describe('VoiceGenie profile', () => {
	test('phone columns: phone, phone_number, mobile…; numbers to E.164 with the default country', () => {
		const { records } = prepare([{ phone_number: '98765 43210' }, { phone: '+1 415 555 0101' }, { mobile: '09876500000' }, { phone: '12' }]);
		expect(records.map((record) => [record.status, record.phones[0]])).toEqual([
			[undefined, '+919876543210'],
			[undefined, '+14155550101'],
			[undefined, '+919876500000'],
			['invalid', undefined],
		]);
		expect(prepare([{ phone: '(415) 555-0101' }], 'US').records[0].phones).toEqual(['+14155550101']);
	});

	test("dedupe key: the phone number (VoiceGenie's rule), the first contact kept", () => {
		const { records, batches } = prepare([
			{ phone: '9876543210', name: 'Ann' },
			{ phone: '+91 98765 43210', name: 'Ann Again' },
			{ phone: '9876543211', name: 'Ann' },
		]);
		expect(records.map((record) => record.status)).toEqual([undefined, 'duplicate', undefined]);
		expect(records[1].duplicateOf).toBe(records[0]);
		expect(batches).toEqual([[records[0], records[2]]]);
	});

	test('batches of at most 1,000 (the advised size)', () => {
		const { batches } = prepare(Array.from({ length: 2_001 }, (_, i) => ({ phone: String(9_000_000_000 + i) })));
		expect(batches.map((batch) => batch.length)).toEqual([1_000, 1_000, 1]);
	});

	test('wire contact: name (joined from first/last), email, every other field in custom_fields as scalars', () => {
		const { records } = prepare([
			{ phone: '9876543210', first_name: 'Ann', last_name: 'Lee', email: 'ann@example.com', plan: { tier: 'gold' }, score: 3, empty: '', none: null },
			{ phone: '9876543211' },
		]);
		expect(toVoiceGenieContact(records[0])).toEqual({
			phone_number: '+919876543210',
			name: 'Ann Lee',
			email: 'ann@example.com',
			custom_fields: { first_name: 'Ann', last_name: 'Lee', plan: '{"tier":"gold"}', score: 3 },
		});
		expect(toVoiceGenieContact(records[1])).toEqual({ phone_number: '+919876543211' });
	});
});

describe('VoiceGenie upload answer', () => {
	const batch = () => prepare([{ phone: '9876543210' }, { phone: '9876543211' }, { phone: '9876543212' }]).batches[0];

	test('errors[] entries find their contact by index, row or phone; a mismatched index falls back to the phone', () => {
		const records = batch();
		expect(errorContact({ index: 1 }, records)).toBe(records[1]);
		expect(errorContact({ row: 3 }, records)).toBe(records[2]);
		expect(errorContact({ phone_number: '+919876543210' }, records)).toBe(records[0]);
		expect(errorContact({ index: 0, phone_number: '+919876543212' }, records)).toBe(records[2]);
		expect(errorContact({ index: 7 }, records)).toBeUndefined();
	});

	test('success: true with uploaded_count confirms the unnamed contacts; the named get their fate', () => {
		const records = batch();
		const confirmation = confirmUpload(
			{ success: true, data: { campaign_id: 'c1', uploaded_count: 1, failed_count: 2, errors: [{ index: 0, error: 'DUPLICATE_PHONE' }, { index: 2, error: 'INVALID_EMAIL', message: 'bad' }, { index: 9, error: 'X' }] } },
			records,
			'Sale',
		);
		expect(confirmation.stored).toBe(1);
		expect([...confirmation.outcomes!.entries()].map(([record, outcome]) => [records.indexOf(record), outcome.status])).toEqual([
			[0, 'duplicate'],
			[2, 'invalid'],
		]);
		expect(confirmation.answer).toEqual({ campaign_id: 'c1', uploaded_count: 1, failed_count: 2, unmatched_errors: [{ index: 9, error: 'X' }] });
	});

	test('no success: true, or no count: nothing confirmed; none uploaded is duplicate unless failures are reported', () => {
		const records = batch();
		expect(confirmUpload({ data: { uploaded_count: 3 } }, records, 'Sale').stored).toBeUndefined();
		expect(confirmUpload({ success: true, data: { uploaded_count: -1 } }, records, 'Sale').stored).toBeUndefined();
		expect(confirmUpload({ success: true }, records, 'Sale').stored).toBeUndefined();
		expect(confirmUpload({ success: true, data: { uploaded_count: 0, errors: [] } }, records, 'Sale').noneStored?.status).toBe('duplicate');
		expect(confirmUpload({ success: true, data: { uploaded_count: 0, failed_count: 3 } }, records, 'Sale').noneStored?.status).toBe('failed');
	});

	test('a 400 naming contacts[i] rejects that contact only; other 400s reject none', () => {
		const records = batch();
		const answer = (field: string) => ({ statusCode: 400, headers: {}, bodyIsJson: true, body: { success: false, details: { field, issue: 'bad' } } });
		expect(rejectedContacts(answer('contacts[2].phone_number'), records)).toEqual([{ record: records[2], reason: 'contacts[2].phone_number: bad' }]);
		expect(rejectedContacts(answer('contacts.1'), records)?.[0].record).toBe(records[1]);
		expect(rejectedContacts(answer('campaign_name'), records)).toBeUndefined();
		expect(rejectedContacts({ ...answer('contacts[0]'), statusCode: 500 }, records)).toBeUndefined();
	});
});

describe('VoiceGenie client', () => {
	test('request options: the documented 50 requests a minute, and 120 s for answers that may take 30–60 s', () => {
		const defaults = Object.fromEntries(voiceGenieClient.options().map((option) => [option.name, option.default]));
		expect(defaults).toEqual({ maxRetries: 5, requestTimeout: 120, rateLimit: 50, rateLimitWindow: 60 });
	});
});

describe('Upload File checks', () => {
	test('refuses a payload over the documented 500 MB before sending', () => {
		expect(VOICEGENIE_MAX_PAYLOAD_BYTES).toBe(500 * 1024 * 1024);
		expect(payloadTooLarge(VOICEGENIE_MAX_PAYLOAD_BYTES, VOICEGENIE_MAX_PAYLOAD_BYTES)).toBeUndefined();
		expect(payloadTooLarge(VOICEGENIE_MAX_PAYLOAD_BYTES + 1, VOICEGENIE_MAX_PAYLOAD_BYTES)).toBe(
			"the upload would be 500.0 MB, over VoiceGenie's 500 MB limit per request",
		);
		expect(payloadTooLarge(600 * 1024 * 1024, VOICEGENIE_MAX_PAYLOAD_BYTES)).toContain('600.0 MB');
	});

	test('knows a file’s size from its base64 text and its kind from its name or MIME type', () => {
		for (const size of [0, 1, 2, 3, 1000, 1001]) expect(base64Bytes(Buffer.alloc(size).toString('base64'))).toBe(size);
		expect(fileKind({ fileName: 'a.XLSX', mimeType: 'application/octet-stream' })).toBe('xlsx');
		expect(fileKind({ fileName: 'upload', mimeType: 'text/csv; charset=utf-8' })).toBe('csv');
		expect(fileKind({ fileName: 'a.txt', mimeType: 'text/plain' })).toBeUndefined();
		expect(csvHeader('\uFEFF"phone_number";"name"\r\n1;2')).toEqual(['phone_number', 'name']);
	});
});
