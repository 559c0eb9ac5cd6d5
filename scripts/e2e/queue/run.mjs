// `npm run e2e:queue`: the package in n8n 2.41.1's queue mode (one main, two workers, PostgreSQL,
// Redis), 20 concurrent bulk uploads to rate-limited Truedy and to OSVI, a re-run, and a worker
// killed mid-run. See docs/e2e.md ("Queue mode"). Everything it starts it stops by pid.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { CACHE, log, writeJson } from '../lib.mjs';
import { n8nOrThrow, writeTemp } from '../n8n.mjs';
import { buildAndPack, installCommunityPackage } from '../package.mjs';
import { ensureRuntime } from '../runtime.mjs';
import { startSimulators } from '../simulators.mjs';
import { selectTargets } from '../targets.mjs';
import {
	Checks,
	errorMessage,
	executionsAfter,
	executionsRanBy,
	flattedOf,
	lastExecutionId,
	onceDetail,
	rateLimitShare,
	statusCounts,
	storedOnce,
	waitForExecutions,
} from './checks.mjs';
import { WORKER_CONCURRENCY, queueEnv, startMain, startWorker } from './cluster.mjs';
import { ensureInstalled, startPostgres, startRedis } from './services.mjs';
import { LOAD, OSVI_AGENT, OSVI_NODE_ID, WORKFLOW_ID, expectedPhones, fire, rateLimits, roundPayloads, workflow } from './workload.mjs';

const WINDOW_SECONDS = Number(process.env.E2E_QUEUE_WINDOW_SECONDS ?? 6);
const WORKERS = 2;
// Every wait is bounded and says what it waited for. A round takes well under a minute on an idle
// machine; the bounds leave room for a loaded one.
const ROUND_TIMEOUT_MS = Number(process.env.E2E_QUEUE_ROUND_TIMEOUT_SECONDS ?? 300) * 1000;
/** Every round uploads to these; each round's phone numbers are its own. */
const CAMPAIGN = { truedy: 'bc_queue_upload', osvi: 9101 };
const TRUEDY_NODE = 'Add to Truedy Batch Call';
const OSVI_NODE = 'Add to OSVI Campaign';

const work = path.join(CACHE, 'queue');
const stoppers = [];
const checks = new Checks();
const measured = {};

async function stopAll() {
	for (const stop of stoppers.reverse()) {
		try {
			await stop();
		} catch (error) {
			log(`stopping: ${error.message}`);
		}
	}
}

/** For each phone of a round: the workers whose executions carried it. */
function workersOf(payloads, executions, ranBy) {
	const workerOfTag = new Map();
	for (const execution of executions) {
		const worker = ranBy.findIndex((ids) => ids.has(execution.id));
		if (execution.tag && worker >= 0) workerOfTag.set(execution.tag, worker);
	}
	const byPhone = new Map();
	for (const payload of payloads) {
		for (const contact of payload.contacts) {
			if (!byPhone.has(contact.phone)) byPhone.set(contact.phone, new Set());
			if (workerOfTag.has(payload.tag)) byPhone.get(contact.phone).add(workerOfTag.get(payload.tag));
		}
	}
	return byPhone;
}

/**
 * The phones whose record n8n's de-duplication store holds whole for the OSVI node (its
 * processed_data row): the contact's attempt mark and its confirmation. The keys are built as
 * nodes/shared/contacts/sentBefore.ts builds them (provider, account and target hashed, then the
 * E.164 number; the account as nodes/shared/transport/client.ts hashes it); n8n stores each key's md5.
 */
function recordedOsviPhones(postgres, nodeId, credential, campaignId, phones) {
	const [row] = postgres.rows(
		`SELECT (value::json->'data')::text AS data FROM processed_data WHERE "workflowId" = '${WORKFLOW_ID}' AND context = 'n:${nodeId}'`,
	);
	const stored = new Set(JSON.parse(row?.data ?? '[]'));
	const baseUrl = credential.baseUrl.trim().replace(/\/+$/, '');
	const accountKey = createHash('sha256').update([baseUrl, credential.apiToken].join('\n')).digest('hex').slice(0, 16);
	const prefix = createHash('sha256').update(`OSVI|${accountKey}|campaign ${campaignId}`).digest('base64').slice(0, 12);
	const md5 = (key) => createHash('md5').update(key).digest('base64');
	return { entries: stored.size, phones: new Set(phones.filter((phone) => stored.has(md5(`${prefix}|${phone}`)) && stored.has(md5(`${prefix}|${phone}|attempt`)))) };
}

/** The phones each provider stored in the campaign; with `only`, those of one round's payloads. */
function phonesIn(report, only) {
	const keep = (phones) => (only ? phones.filter((phone) => only.has(phone)) : phones);
	return {
		truedy: keep((report.truedy.state.batchCalls[CAMPAIGN.truedy]?.contacts ?? []).map((contact) => contact.phone_number)),
		osvi: keep((report.osvi.state.campaigns[CAMPAIGN.osvi]?.contacts ?? []).map((contact) => contact.phone)),
	};
}

function checkStoredOnce(report, payloads, label, earlier = new Set(), { osviAcrossWorkers } = {}) {
	const expected = expectedPhones(payloads);
	// An earlier round's phones are that round's business; anything else is unexpected.
	const all = phonesIn(report);
	const stored = { truedy: all.truedy.filter((phone) => !earlier.has(phone)), osvi: all.osvi.filter((phone) => !earlier.has(phone)) };
	const truedy = storedOnce(stored.truedy, expected);
	const osvi = storedOnce(stored.osvi, expected);
	checks.add(`${label}: Truedy stores every contact exactly once`, truedy.twice === 0 && truedy.missing === 0 && truedy.unexpected === 0, onceDetail(truedy, expected.size));
	if (!osviAcrossWorkers) {
		checks.add(`${label}: OSVI stores every contact exactly once`, osvi.twice === 0 && osvi.missing === 0 && osvi.unexpected === 0, onceDetail(osvi, expected.size));
		return { truedy, osvi };
	}
	// n8n's record is not shared atomically between workers: a contact two workers send at the
	// same moment can be stored twice, and an entry one worker recorded can be overwritten by the
	// other's write (docs/contact-pipeline.md). Either way only a contact several executions carried
	// can be stored twice; one that a single execution carried must be stored exactly once.
	checks.add(`${label}: OSVI stores every contact, none lost`, osvi.missing === 0 && osvi.unexpected === 0, onceDetail(osvi, expected.size));
	const carriers = new Map();
	for (const payload of payloads) for (const contact of payload.contacts) carriers.set(contact.phone, (carriers.get(contact.phone) ?? 0) + 1);
	const times = new Map();
	for (const phone of stored.osvi) times.set(phone, (times.get(phone) ?? 0) + 1);
	const twice = [...times].filter(([, n]) => n > 1).map(([phone]) => phone);
	const single = twice.filter((phone) => (carriers.get(phone) ?? 0) < 2);
	const across = [...osviAcrossWorkers.values()].filter((set) => set.size > 1).length;
	checks.add(
		`${label}: OSVI stores a contact twice only when several executions carried it`,
		single.length === 0,
		`${twice.length} stored twice (of ${[...carriers.values()].filter((n) => n > 1).length} contacts in several executions, ${across} of them on both workers); ${single.length} stored twice that one execution alone carried`,
	);
	return { truedy, osvi, carriedByBothWorkers: across };
}

async function main() {
	const started = Date.now();
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });

	ensureInstalled();
	const [target] = selectTargets(['n8n-2.41.1']);
	const runtime = await ensureRuntime(target);
	const flatted = flattedOf(runtime);
	const pack = buildAndPack();

	const limits = rateLimits(WINDOW_SECONDS, WORKERS);
	const sims = await startSimulators();
	stoppers.push(() => sims.stop());
	await sims.reset({
		truedy: {
			batchCalls: [{ id: CAMPAIGN.truedy, status: 'active' }],
			rateLimit: limits.provider,
		},
		osvi: { campaigns: [CAMPAIGN.osvi], agents: [{ uuid: OSVI_AGENT, hasOutboundTrunk: true }] },
	});

	const postgres = await startPostgres(path.join(work, 'postgres.log'));
	stoppers.push(() => postgres.stop());
	const redis = await startRedis(path.join(work, 'redis.log'));
	stoppers.push(() => redis.stop());
	const env = queueEnv(postgres, redis);

	// One user folder per process, as on separate machines; the package installed in each.
	const folders = ['main', ...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`)].map((name) => path.join(work, name));
	for (const folder of folders) {
		fs.mkdirSync(folder, { recursive: true });
		installCommunityPackage(folder, pack);
	}
	const credentials = {
		truedy: { id: 'queueTruedyCred01', name: 'Truedy (queue run)', type: 'truedyApi', data: sims.simulators.truedy.credentialData },
		osvi: { id: 'queueOsviCred0001', name: 'OSVI (queue run)', type: 'osviApi', data: sims.simulators.osvi.credentialData },
	};
	// The first command runs n8n's migrations on the empty database: minutes on a busy machine.
	const cli = { env, timeoutMs: 600_000 };
	await n8nOrThrow(runtime, folders[0], ['import:credentials', `--input=${writeTemp(work, 'credentials.json', Object.values(credentials))}`], cli);
	await n8nOrThrow(runtime, folders[0], ['import:workflow', `--input=${writeTemp(work, 'workflow.json', workflow(credentials, limits, CAMPAIGN))}`], cli);
	await n8nOrThrow(runtime, folders[0], ['publish:workflow', `--id=${WORKFLOW_ID}`], cli);

	// The main first (it takes the migration lock), then the workers side by side.
	const mainProcess = await startMain(runtime, { userFolder: folders[0], env, logFile: path.join(work, 'main.log') }, stoppers);
	const workers = await Promise.all(
		folders.slice(1).map((folder, i) =>
			startWorker(runtime, { name: `worker-${i + 1}`, userFolder: folder, env, logFile: path.join(work, `worker-${i + 1}.log`) }, stoppers),
		),
	);
	measured.startup = (Date.now() - started) / 1000;
	log(`queue mode up: main ${mainProcess.url}, ${WORKERS} workers (concurrency ${WORKER_CONCURRENCY}), postgres ${postgres.version}; ${measured.startup.toFixed(0)} s since start`);

	// Round 1: 20 concurrent executions.
	const first = roundPayloads(1);
	const firstPhones = expectedPhones(first);
	let before = lastExecutionId(postgres, WORKFLOW_ID);
	let roundStart = Date.now();
	const answers = await fire(mainProcess.url, first);
	checks.add('round 1: every webhook call answered 200', answers.every((answer) => answer.status === 200), answers.map((a) => a.status).join(' '));
	const roundOne = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS, 'round 1');
	measured.roundOneSeconds = (Date.now() - roundStart) / 1000;
	log(`round 1: ${LOAD.executions} executions finished in ${measured.roundOneSeconds.toFixed(1)} s`);
	const statuses = roundOne.map((execution) => execution.status);
	checks.add(
		'round 1: every execution finished with success',
		statuses.length === LOAD.executions && statuses.every((status) => status === 'success'),
		`${statuses.filter((s) => s === 'success').length}/${LOAD.executions} success${roundOne.filter((e) => e.status !== 'success').map((e) => `; #${e.id} ${e.status}: ${errorMessage(e)}`).join('')}`,
	);
	const ranBy = workers.map((worker) => executionsRanBy(worker.logFile));
	const ids = roundOne.map((execution) => execution.id);
	const perWorker = ranBy.map((set) => ids.filter((id) => set.has(id)).length);
	checks.add('round 1: both workers ran executions', perWorker.every((count) => count > 0), `executions per worker: ${perWorker.join(', ')}`);

	let report = await sims.report();
	measured.roundOne = checkStoredOnce(report, first, 'round 1', new Set(), { osviAcrossWorkers: workersOf(first, roundOne, ranBy) });
	const rate = rateLimitShare(report.truedy.requests);
	measured.roundOneTruedy = rate;
	checks.add('round 1: Truedy answered 429 to at most 5 % of requests', rate.share <= 0.05, `${rate.limited} of ${rate.total} (${(rate.share * 100).toFixed(1)} %)`);
	const truedyStatuses = statusCounts(roundOne, TRUEDY_NODE);
	const rateFailures = truedyStatuses.failedReasons.filter((reason) => /429|rate.?limit/i.test(reason));
	checks.add(
		'round 1: no contact failed because of a 429',
		rateFailures.length === 0 && (truedyStatuses.counts.sent ?? 0) > 0,
		`Truedy node statuses ${JSON.stringify(truedyStatuses.counts)}; ${rateFailures.length} failed citing a rate limit`,
	);
	measured.roundOneOsviStatuses = statusCounts(roundOne, OSVI_NODE).counts;

	// n8n's record of what the OSVI node sent (one list per workflow node, read whole and written
	// back by each execution): entries lost when two workers wrote it at once.
	const confirmedOne = [...new Set(phonesIn(report).osvi)];
	const recorded = recordedOsviPhones(postgres, OSVI_NODE_ID, credentials.osvi.data, CAMPAIGN.osvi, confirmedOne);
	measured.osviRecordAfterRoundOne = { entries: recorded.entries, confirmedDistinct: confirmedOne.length, recordedWhole: recorded.phones.size, lost: confirmedOne.length - recorded.phones.size };
	log(`n8n's sent-before record of the OSVI node after round 1: ${recorded.entries} entries; ${recorded.phones.size} of the ${confirmedOne.length} contacts OSVI stored recorded whole`);

	// Round 2: the same 20 executions again: nothing may be stored again.
	const storedAfterOne = phonesIn(report);
	const truedyRequestsBefore = report.truedy.requests.length;
	before = lastExecutionId(postgres, WORKFLOW_ID);
	roundStart = Date.now();
	await fire(mainProcess.url, first);
	const roundTwo = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS, 'round 2 (the re-run)');
	measured.roundTwoSeconds = (Date.now() - roundStart) / 1000;
	log(`round 2: ${LOAD.executions} executions finished in ${measured.roundTwoSeconds.toFixed(1)} s`);
	checks.add('re-run: every execution finished with success', roundTwo.every((e) => e.status === 'success'), roundTwo.map((e) => e.status).join(' '));
	report = await sims.report();
	const storedAfterTwo = phonesIn(report);
	checks.add('re-run: Truedy stores nothing again', storedAfterTwo.truedy.length === storedAfterOne.truedy.length, `${storedAfterOne.truedy.length} → ${storedAfterTwo.truedy.length} stored`);
	// OSVI stores every upload again; the node's record is what keeps a re-run from calling people
	// twice. Across workers n8n's record loses entries (see docs/contact-pipeline.md): what OSVI
	// stores again must be no more than the record lost (a contact the record kept is never re-sent).
	const storedAgain = [...new Set(storedAfterTwo.osvi.slice(storedAfterOne.osvi.length))];
	const keptYetSent = storedAgain.filter((phone) => recorded.phones.has(phone));
	measured.roundTwoOsviStoredAgain = storedAgain.length;
	checks.add(
		're-run: OSVI stores again only contacts n8n\'s record lost across workers',
		keptYetSent.length === 0,
		`${storedAfterOne.osvi.length} → ${storedAfterTwo.osvi.length} stored: ${storedAgain.length} distinct contacts again, ${keptYetSent.length} of them recorded whole; the record had lost ${measured.osviRecordAfterRoundOne.lost} of ${confirmedOne.length}`,
	);
	measured.roundTwoTruedy = rateLimitShare(report.truedy.requests, truedyRequestsBefore);
	measured.roundTwoOsviStatuses = statusCounts(roundTwo, OSVI_NODE).counts;

	// Round 3: a worker killed (SIGKILL) mid-run; the failed executions fired again.
	const third = roundPayloads(3);
	const expectedThird = expectedPhones(third);
	before = lastExecutionId(postgres, WORKFLOW_ID);
	roundStart = Date.now();
	await fire(mainProcess.url, third);
	const victim = workers[0];
	for (const deadline = Date.now() + ROUND_TIMEOUT_MS; ; ) {
		const stored = phonesIn(await sims.report(), expectedThird).truedy.length;
		if (stored >= expectedThird.size * 0.3) break;
		if (Date.now() > deadline) throw new Error(`round 3: Truedy did not receive 30 % of the round's contacts within ${ROUND_TIMEOUT_MS / 1000} s (${stored} of ${expectedThird.size})`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const atKill = phonesIn(await sims.report(), expectedThird);
	victim.kill();
	const killedAt = Date.now();
	measured.killedAfterSeconds = (killedAt - roundStart) / 1000;
	log(`killed ${victim.name} (pid ${victim.pid}) with SIGKILL after ${measured.killedAfterSeconds.toFixed(1)} s; stored so far: Truedy ${atKill.truedy.length}, OSVI ${atKill.osvi.length} of ${expectedThird.size}`);
	const roundThree = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS, `round 3 (n8n marking ${victim.name}'s executions failed)`);
	measured.roundThreeSeconds = (Date.now() - roundStart) / 1000;
	measured.markedFailedAfterKillSeconds = (Date.now() - killedAt) / 1000;
	const failed = roundThree.filter((execution) => execution.status !== 'success');
	const victimRan = executionsRanBy(victim.logFile);
	const survivorRan = executionsRanBy(workers[1].logFile);
	measured.killed = {
		failed: failed.length,
		statuses: roundThree.reduce((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {}),
		errors: [...new Set(failed.map(errorMessage))],
		ranByKilledWorker: roundThree.filter((e) => victimRan.has(e.id)).length,
	};
	log(`round 3: ${JSON.stringify(measured.killed)}`);
	// A killed execution's data holds no payload (the worker never saved it); the successful ones
	// name theirs, so what is left is what the killed worker lost.
	const succeededTags = new Set(roundThree.filter((e) => e.status === 'success').map((e) => e.tag));
	const refire = third.filter((payload) => !succeededTags.has(payload.tag));
	checks.add(
		"kill: n8n marks the killed worker's executions failed",
		failed.length > 0 && failed.length === refire.length && succeededTags.size + failed.length === LOAD.executions,
		`${failed.length} not successful (${measured.markedFailedAfterKillSeconds.toFixed(0)} s after the kill); ${succeededTags.size} successful executions name their payload, ${refire.length} payloads to fire again`,
	);
	const spared = failed.filter((e) => survivorRan.has(e.id) && !victimRan.has(e.id));
	checks.add(
		'kill: only the killed worker\'s executions fail (none of the surviving worker\'s)',
		spared.length === 0,
		spared.length === 0 ? `${failed.length} failed, all started by ${victim.name}` : `failed on the surviving worker: ${spared.map((e) => `#${e.id} ${errorMessage(e)}`).join('; ')}`,
	);

	before = lastExecutionId(postgres, WORKFLOW_ID);
	await fire(mainProcess.url, refire);
	const refired = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, refire.length, ROUND_TIMEOUT_MS, 'the re-fired executions');
	checks.add('kill: every re-fired execution finished with success', refired.every((e) => e.status === 'success'), refired.map((e) => `#${e.id} ${e.status}${errorMessage(e) ? ` ${errorMessage(e)}` : ''}`).join('; '));
	report = await sims.report();
	measured.afterKill = checkStoredOnce(report, third, 'kill + re-fire', firstPhones);

	measured.truedyRequests = rateLimitShare(report.truedy.requests);
	measured.totalSeconds = (Date.now() - started) / 1000;
	writeJson(path.join(work, 'results.json'), { checks: checks.results, measured, executions: executionsAfter(postgres, flatted, WORKFLOW_ID, 0).map(({ id, status, tag }) => ({ id, status, tag })) });
}

const startedAt = Date.now();
let failure;
try {
	await main();
} catch (error) {
	failure = error;
	console.error(error);
} finally {
	await stopAll();
}
const failedChecks = checks.results.filter((check) => !check.ok);
const passed = !failure && failedChecks.length === 0 && checks.results.length > 0;
console.log(`\nmeasured: ${JSON.stringify(measured)}`);
console.log(
	`\nqueue-mode e2e: ${passed ? 'PASS' : 'FAIL'}: ${checks.results.length - failedChecks.length}/${checks.results.length} checks pass` +
		`${failure ? `; the run stopped early: ${failure.message}` : ''}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s`,
);
for (const check of failedChecks) console.log(`  FAIL ${check.name}: ${check.detail}`);
process.exitCode = passed ? 0 : 1;
