// `npm run e2e:queue`: the package in n8n 2.41.1's queue mode (one main, two workers, PostgreSQL,
// Redis), 20 concurrent bulk uploads to rate-limited Truedy and to OSVI, a re-run, and a worker
// killed mid-run. See docs/e2e.md ("Queue mode"). Everything it starts it stops by pid.
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
import { LOAD, OSVI_AGENT, WORKFLOW_ID, expectedPhones, fire, rateLimits, roundPayloads, workflow } from './workload.mjs';

const WINDOW_SECONDS = Number(process.env.E2E_QUEUE_WINDOW_SECONDS ?? 6);
const WORKERS = 2;
// Generous: on a 2-core machine shared with other jobs (load 25) a round took minutes.
const ROUND_TIMEOUT_MS = 600_000;
const CAMPAIGNS = {
	first: { truedy: 'bc_queue_round_1', osvi: 9101 },
	kill: { truedy: 'bc_queue_round_3', osvi: 9103 },
};
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

const phonesIn = (report, round) => ({
	truedy: (report.truedy.state.batchCalls[round.truedy]?.contacts ?? []).map((contact) => contact.phone_number),
	osvi: (report.osvi.state.campaigns[round.osvi]?.contacts ?? []).map((contact) => contact.phone),
});

function checkStoredOnce(report, round, payloads, label) {
	const expected = expectedPhones(payloads);
	const stored = phonesIn(report, round);
	const truedy = storedOnce(stored.truedy, expected);
	const osvi = storedOnce(stored.osvi, expected);
	checks.add(`${label}: Truedy stores every contact exactly once`, truedy.twice === 0 && truedy.missing === 0 && truedy.unexpected === 0, onceDetail(truedy, expected.size));
	checks.add(`${label}: OSVI stores every contact exactly once`, osvi.twice === 0 && osvi.missing === 0 && osvi.unexpected === 0, onceDetail(osvi, expected.size));
	return { truedy, osvi };
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
			batchCalls: Object.values(CAMPAIGNS).map((round) => ({ id: round.truedy, status: 'active' })),
			rateLimit: limits.provider,
		},
		osvi: { campaigns: Object.values(CAMPAIGNS).map((round) => round.osvi), agents: [{ uuid: OSVI_AGENT, hasOutboundTrunk: true }] },
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
	await n8nOrThrow(runtime, folders[0], ['import:workflow', `--input=${writeTemp(work, 'workflow.json', workflow(credentials, limits))}`], cli);
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
	const first = roundPayloads(1, CAMPAIGNS.first);
	let before = lastExecutionId(postgres, WORKFLOW_ID);
	let roundStart = Date.now();
	const answers = await fire(mainProcess.url, first);
	checks.add('round 1: every webhook call answered 200', answers.every((answer) => answer.status === 200), answers.map((a) => a.status).join(' '));
	const roundOne = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS);
	measured.roundOneSeconds = (Date.now() - roundStart) / 1000;
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
	checkStoredOnce(report, CAMPAIGNS.first, first, 'round 1');
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

	// Round 2: the same 20 executions again: nothing may be stored again.
	const storedAfterOne = phonesIn(report, CAMPAIGNS.first);
	const truedyRequestsBefore = report.truedy.requests.length;
	before = lastExecutionId(postgres, WORKFLOW_ID);
	roundStart = Date.now();
	await fire(mainProcess.url, first);
	const roundTwo = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS);
	measured.roundTwoSeconds = (Date.now() - roundStart) / 1000;
	checks.add('re-run: every execution finished with success', roundTwo.every((e) => e.status === 'success'), roundTwo.map((e) => e.status).join(' '));
	report = await sims.report();
	const storedAfterTwo = phonesIn(report, CAMPAIGNS.first);
	checks.add('re-run: Truedy stores nothing again', storedAfterTwo.truedy.length === storedAfterOne.truedy.length, `${storedAfterOne.truedy.length} → ${storedAfterTwo.truedy.length} stored`);
	checks.add('re-run: OSVI stores nothing again', storedAfterTwo.osvi.length === storedAfterOne.osvi.length, `${storedAfterOne.osvi.length} → ${storedAfterTwo.osvi.length} stored`);
	measured.roundTwoTruedy = rateLimitShare(report.truedy.requests, truedyRequestsBefore);

	// Round 3: a worker killed (SIGKILL) mid-run; the failed executions fired again.
	const third = roundPayloads(3, CAMPAIGNS.kill);
	const expectedThird = expectedPhones(third);
	before = lastExecutionId(postgres, WORKFLOW_ID);
	roundStart = Date.now();
	await fire(mainProcess.url, third);
	const victim = workers[0];
	for (const deadline = Date.now() + ROUND_TIMEOUT_MS; ; ) {
		const stored = phonesIn(await sims.report(), CAMPAIGNS.kill).truedy.length;
		if (stored >= expectedThird.size * 0.3) break;
		if (Date.now() > deadline) throw new Error('round 3 never reached 30 % of its contacts');
		await new Promise((resolve) => setTimeout(resolve, 3000));
	}
	const atKill = phonesIn(await sims.report(), CAMPAIGNS.kill);
	victim.kill();
	measured.killedAfterSeconds = (Date.now() - roundStart) / 1000;
	log(`killed ${victim.name} (pid ${victim.pid}) with SIGKILL after ${measured.killedAfterSeconds.toFixed(1)} s; stored so far: Truedy ${atKill.truedy.length}, OSVI ${atKill.osvi.length} of ${expectedThird.size}`);
	const roundThree = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, LOAD.executions, ROUND_TIMEOUT_MS);
	measured.roundThreeSeconds = (Date.now() - roundStart) / 1000;
	const failed = roundThree.filter((execution) => execution.status !== 'success');
	measured.killed = {
		failed: failed.length,
		statuses: roundThree.reduce((acc, e) => ({ ...acc, [e.status]: (acc[e.status] ?? 0) + 1 }), {}),
		errors: [...new Set(failed.map(errorMessage))],
	};
	log(`round 3: ${JSON.stringify(measured.killed)}`);
	checks.add('kill: the killed worker\'s executions end (n8n marks them failed)', failed.length > 0 && failed.every((e) => e.tag), `${failed.length} not successful, all matched to their payload: ${failed.every((e) => e.tag)}`);

	const refire = third.filter((payload) => failed.some((execution) => execution.tag === payload.tag));
	before = lastExecutionId(postgres, WORKFLOW_ID);
	await fire(mainProcess.url, refire);
	const refired = await waitForExecutions(postgres, flatted, WORKFLOW_ID, before, refire.length, ROUND_TIMEOUT_MS);
	checks.add('kill: every re-fired execution finished with success', refired.every((e) => e.status === 'success'), refired.map((e) => `#${e.id} ${e.status}${errorMessage(e) ? ` ${errorMessage(e)}` : ''}`).join('; '));
	report = await sims.report();
	measured.afterKill = checkStoredOnce(report, CAMPAIGNS.kill, third, 'kill + re-fire');

	measured.truedyRequests = rateLimitShare(report.truedy.requests);
	measured.totalSeconds = (Date.now() - started) / 1000;
	writeJson(path.join(work, 'results.json'), { checks: checks.results, measured, executions: executionsAfter(postgres, flatted, WORKFLOW_ID, 0).map(({ id, status, tag }) => ({ id, status, tag })) });
}

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
console.log(`\nqueue-mode e2e: ${checks.results.length - failedChecks.length}/${checks.results.length} checks pass${failure ? '; the run stopped early' : ''}; ${JSON.stringify(measured)}`);
process.exitCode = failure || failedChecks.length > 0 ? 1 : 0;
