import { PER_CONTACT_OUTPUT_LIMIT, uploadExecutionHints } from '../../nodes/shared/contacts/hints';

describe('uploadExecutionHints', () => {
	test('one item per contact above the limit: a warning that recommends Summary output', () => {
		const hints = uploadExecutionHints(250_000, 'perContact');
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatchObject({ type: 'warning', location: 'outputPane' });
		expect(hints[0].message).toContain('250,000 items');
		expect(hints[0].message).toContain('Options → Output to Summary');
	});

	test('the default output (option not set) is one item per contact', () => {
		expect(uploadExecutionHints(PER_CONTACT_OUTPUT_LIMIT + 1, undefined)).toHaveLength(1);
	});

	test('at or below the limit, or with Summary output, no hint', () => {
		expect(uploadExecutionHints(PER_CONTACT_OUTPUT_LIMIT, 'perContact')).toEqual([]);
		expect(uploadExecutionHints(10, undefined)).toEqual([]);
		expect(uploadExecutionHints(0, 'perContact')).toEqual([]);
		expect(uploadExecutionHints(1_000_000, 'summary')).toEqual([]);
	});

	test('a count that is not a number gives no hint rather than a wrong one', () => {
		expect(uploadExecutionHints(Number.NaN, 'perContact')).toEqual([]);
	});
});
