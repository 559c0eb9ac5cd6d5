/**
 * The contact pipeline per provider rule, against bare libphonenumber-js 'max' parsing of the same
 * phones, timed alternately in one process (a child of `npm run bench`).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

import { createRowMapper } from '../../nodes/shared/contacts/mapping';
import { prepareContacts } from '../../nodes/shared/contacts/pipeline';
import { contactResult } from '../../nodes/shared/contacts/results';
import type { ContactProfile, SourceRow } from '../../nodes/shared/contacts/types';
import { osviProfile } from '../../nodes/Osvi/profile';
import { truedyProfile } from '../../nodes/Truedy/profile';
import { syntheticRows } from './data';
import { peakRssMiB } from './stats';

export type Rule = 'osvi' | 'generic';

/** OSVI's rule on Indian mobiles; the generic E.164 rule (Truedy's profile) on US and other numbers. */
const RULES: Record<Rule, { profile: ContactProfile; country: CountryCode; data: 'indian' | 'international' }> = {
	osvi: { profile: osviProfile, country: 'IN', data: 'indian' },
	generic: { profile: truedyProfile, country: 'US', data: 'international' },
};

export interface PipelineFigures {
	rule: Rule;
	contacts: number;
	bareSeconds: number[];
	pipelineSeconds: number[];
	peakRssMiB: number;
	statuses: Record<string, number>;
}

function timeBareParsing(phones: string[], country: CountryCode): number {
	const start = process.hrtime.bigint();
	let valid = 0;
	for (const phone of phones) {
		const parsed = parsePhoneNumberFromString(phone, country);
		if (parsed?.isValid() && parsed.number) valid++;
	}
	if (valid === 0) throw new Error('benchmark parsed nothing');
	return Number(process.hrtime.bigint() - start) / 1e9;
}

/** What an upload does before sending (map → normalize → suppress → dedupe → chunk), then one result per contact. */
function timePipeline(rows: SourceRow[], rule: Rule, statuses: Record<string, number>): number {
	const { profile, country } = RULES[rule];
	const start = process.hrtime.bigint();
	const prepared = prepareContacts(rows, createRowMapper(profile, { sources: {} }), { profile, defaultCountry: country });
	for (const batch of prepared.batches) for (const record of batch) record.status = 'sent';
	let results = 0;
	for (const record of prepared.records) {
		const status = contactResult(record).status as string;
		statuses[status] = (statuses[status] ?? 0) + 1;
		results++;
	}
	const seconds = Number(process.hrtime.bigint() - start) / 1e9;
	if (results !== rows.length) throw new Error('benchmark lost contacts');
	return seconds;
}

/**
 * Both paths are warmed up, then timed alternately `rounds` times. Garbage collection is never
 * forced: a collection forced before a timed run shrinks V8's heap target and penalises whichever
 * path allocates more, which a real n8n process never does.
 */
export function measurePipeline(rule: Rule, count: number, rounds: number): PipelineFigures {
	const { country, data } = RULES[rule];
	const warmUp = syntheticRows(20_000, 7, data);
	timeBareParsing(warmUp.map((row) => row.fields.phone as string), country);
	timePipeline(warmUp, rule, {});

	const rows = syntheticRows(count, 42, data);
	const phones = rows.map((row) => row.fields.phone as string);
	const figures: PipelineFigures = { rule, contacts: count, bareSeconds: [], pipelineSeconds: [], peakRssMiB: 0, statuses: {} };
	for (let round = 0; round < rounds; round++) {
		figures.bareSeconds.push(timeBareParsing(phones, country));
		figures.statuses = {};
		figures.pipelineSeconds.push(timePipeline(rows, rule, figures.statuses));
	}
	figures.peakRssMiB = peakRssMiB();
	return figures;
}
