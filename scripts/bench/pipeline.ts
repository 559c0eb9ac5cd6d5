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
	/** CPU time (user + system) of the same runs: what a busy machine's waiting for a core does not inflate. */
	bareCpuSeconds: number[];
	pipelineCpuSeconds: number[];
	peakRssMiB: number;
	statuses: Record<string, number>;
}

/** Wall and CPU seconds of one run. */
interface Timing {
	seconds: number;
	cpuSeconds: number;
}

function startTiming(): () => Timing {
	const wall = process.hrtime.bigint();
	const cpu = process.cpuUsage();
	return () => {
		const used = process.cpuUsage(cpu);
		return { seconds: Number(process.hrtime.bigint() - wall) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
	};
}

function timeBareParsing(phones: string[], country: CountryCode): Timing {
	const stop = startTiming();
	let valid = 0;
	for (const phone of phones) {
		const parsed = parsePhoneNumberFromString(phone, country);
		if (parsed?.isValid() && parsed.number) valid++;
	}
	if (valid === 0) throw new Error('benchmark parsed nothing');
	return stop();
}

/** What an upload does before sending (map → normalize → suppress → dedupe → chunk), then one result per contact. */
function timePipeline(rows: SourceRow[], rule: Rule, statuses: Record<string, number>): Timing {
	const { profile, country } = RULES[rule];
	const stop = startTiming();
	const prepared = prepareContacts(rows, createRowMapper(profile, { sources: {} }), { profile, defaultCountry: country });
	for (const batch of prepared.batches) for (const record of batch) record.status = 'sent';
	let results = 0;
	for (const record of prepared.records) {
		const status = contactResult(record).status as string;
		statuses[status] = (statuses[status] ?? 0) + 1;
		results++;
	}
	const timing = stop();
	if (results !== rows.length) throw new Error('benchmark lost contacts');
	return timing;
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
	const figures: PipelineFigures = {
		rule,
		contacts: count,
		bareSeconds: [],
		pipelineSeconds: [],
		bareCpuSeconds: [],
		pipelineCpuSeconds: [],
		peakRssMiB: 0,
		statuses: {},
	};
	for (let round = 0; round < rounds; round++) {
		const bare = timeBareParsing(phones, country);
		figures.bareSeconds.push(bare.seconds);
		figures.bareCpuSeconds.push(bare.cpuSeconds);
		figures.statuses = {};
		const pipeline = timePipeline(rows, rule, figures.statuses);
		figures.pipelineSeconds.push(pipeline.seconds);
		figures.pipelineCpuSeconds.push(pipeline.cpuSeconds);
	}
	figures.peakRssMiB = peakRssMiB();
	return figures;
}
