import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { effectiveBatchSize, prepareContacts } from '../../nodes/shared/contacts/pipeline';
import type { SourceRow } from '../../nodes/shared/contacts/types';
import { toTruedyContact, truedyProfile } from '../../nodes/Truedy/profile';

function rows(list: Array<Record<string, unknown>>): SourceRow[] {
	return list.map((fields, itemIndex) => ({ itemIndex, row: null, fields: fields as SourceRow['fields'] }));
}

const prepare = (list: Array<Record<string, unknown>>, defaultCountry = 'US') =>
	prepareContacts(rows(list), createRowMapper(truedyProfile, { sources: {} }), { profile: truedyProfile, defaultCountry });

describe('Truedy profile', () => {
	test('phone and name columns are found by their usual spellings; the rest become custom fields', () => {
		const map = createRowMapper(truedyProfile, { sources: {} });
		const contact = map({ itemIndex: 0, row: 1, fields: { 'Phone Number': '2127365000', FirstName: 'Ann', Surname: 'Lee', 'E-mail Address': 'a@x.io', plan: 'gold' } });
		expect(contact.rawPhones).toEqual(['2127365000']);
		expect(contact.fields).toEqual({ first_name: 'Ann', last_name: 'Lee', email: 'a@x.io' });
		expect(contact.variables).toEqual({ plan: 'gold' });
	});

	test('the dedupe key is the E.164 number: the first of two rows with one number is kept', () => {
		const prepared = prepare([{ phone: '(212) 736-5000', first_name: 'Ann' }, { phone: '+1 212 736 5000', first_name: 'Ann again' }, { phone: '+12127365001' }]);
		expect(prepared.records.map((record) => record.status ?? 'queued')).toEqual(['queued', 'duplicate', 'queued']);
		expect(prepared.records[1].reason).toBe('same phone number +12127365000 as item 0, which was kept');
	});

	test('a contact needs only a phone number Truedy\'s pattern accepts; names and email are optional', () => {
		const prepared = prepare([{ phone: '+442079460000' }, { phone: '12' }, { phone: '' }]);
		expect(prepared.records.map((record) => record.status ?? 'queued')).toEqual(['queued', 'invalid', 'invalid']);
		expect(prepared.records[0].phones).toEqual(['+442079460000']);
		expect(prepared.records[0].phones[0]).toMatch(/^\+[1-9]\d{1,14}$/);
	});

	test('batches hold at most 1,000 contacts', () => {
		expect(effectiveBatchSize(truedyProfile)).toBe(1000);
		expect(effectiveBatchSize(truedyProfile, 5000)).toBe(1000);
	});

	test('the wire format: the documented fields, and custom_fields only where Create takes them', () => {
		const [record] = prepare([{ phone: '2127365000', first_name: 'Ann', email: 'a@x.io', plan: 'gold', seats: 3, empty: '' }]).records;
		expect(toTruedyContact(record, false)).toEqual({ phone_number: '+12127365000', first_name: 'Ann', email: 'a@x.io' });
		expect(toTruedyContact(record, true)).toEqual({ phone_number: '+12127365000', first_name: 'Ann', email: 'a@x.io', custom_fields: { plan: 'gold', seats: 3 } });
	});
});
