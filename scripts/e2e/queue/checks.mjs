// What the queue-mode run checks, read from the simulators' state and requests and from n8n's
// execution table. Each check is a named pass/fail with the numbers behind it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const FINISHED = ['success', 'error', 'crashed', 'canceled'];
const TAG = /queue-round-\d+-execution-\d\d/;

export class Checks {
	results = [];

	add(name, ok, detail) {
		this.results.push({ name, ok: Boolean(ok), detail });
		console.log(`  ${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
	}
}

/** n8n's own `flatted`, to decode the execution data n8n stores. */
export function flattedOf(runtime) {
	return createRequire(path.join(runtime.dir, 'node_modules', 'n8n', 'package.json'))('flatted');
}

/** The executions of the workflow with an id above `afterId`, with their tag and data decoded. */
export function executionsAfter(postgres, flatted, workflowId, afterId) {
	const rows = postgres.rows(
		`SELECT e.id, e.status, e.finished, e.mode, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		 WHERE e."workflowId" = '${workflowId}' AND e.id > ${Number(afterId)} ORDER BY e.id`,
	);
	return rows.map((row) => {
		const tag = typeof row.data === 'string' ? TAG.exec(row.data)?.[0] : undefined;
		let data;
		try {
			data = typeof row.data === 'string' ? flatted.parse(row.data) : undefined;
		} catch {
			data = undefined;
		}
		return { id: Number(row.id), status: row.status, finished: row.finished, tag, data };
	});
}

export function lastExecutionId(postgres, workflowId) {
	const [row] = postgres.rows(`SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity WHERE "workflowId" = '${workflowId}'`);
	return Number(row.id);
}

/** Waits until `count` executions above `afterId` have finished (any status); `what` names them in a time-out. */
export async function waitForExecutions(postgres, flatted, workflowId, afterId, count, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = postgres.rows(
			`SELECT status FROM execution_entity WHERE "workflowId" = '${workflowId}' AND id > ${Number(afterId)}`,
		);
		const finished = rows.filter((row) => FINISHED.includes(row.status)).length;
		if (rows.length >= count && finished >= count) return executionsAfter(postgres, flatted, workflowId, afterId);
		if (Date.now() > deadline) {
			const byStatus = rows.reduce((acc, row) => ({ ...acc, [row.status]: (acc[row.status] ?? 0) + 1 }), {});
			throw new Error(`${what}: ${finished} of ${count} executions finished within ${timeoutMs / 1000} s (${JSON.stringify(byStatus)})`);
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/** Output items of a node in one execution (first run, first output). */
export function nodeItems(execution, nodeName) {
	return execution.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? [];
}

export function errorMessage(execution) {
	return execution.data?.resultData?.error?.message;
}

/** Per status, how many items a node output over all executions; and the reasons of `failed` ones. */
export function statusCounts(executions, nodeName) {
	const counts = {};
	const failedReasons = [];
	for (const execution of executions) {
		for (const item of nodeItems(execution, nodeName)) {
			const status = String(item.json?.status);
			counts[status] = (counts[status] ?? 0) + 1;
			if (status === 'failed') failedReasons.push(String(item.json?.reason ?? ''));
		}
	}
	return { counts, failedReasons };
}

/** How often each phone was stored; the phones stored more than once; the expected ones missing. */
export function storedOnce(storedPhones, expected) {
	const times = new Map();
	for (const phone of storedPhones) times.set(phone, (times.get(phone) ?? 0) + 1);
	const twice = [...times].filter(([, n]) => n > 1);
	const missing = [...expected].filter((phone) => !times.has(phone));
	const unexpected = [...times.keys()].filter((phone) => !expected.has(phone));
	return { stored: storedPhones.length, distinct: times.size, twice: twice.length, missing: missing.length, unexpected: unexpected.length };
}

export const onceDetail = (result, expected) =>
	`${result.stored} stored for ${expected} contacts (${result.twice} stored more than once, ${result.missing} missing, ${result.unexpected} unexpected)`;

/** The execution ids each worker's log says it ran. */
export function executionsRanBy(logFile) {
	const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	const ids = new Set();
	for (const match of text.matchAll(/started execution (\d+)/gi)) ids.add(Number(match[1]));
	return ids;
}

/** 429 answers among a simulator's requests since `fromIndex`. */
export function rateLimitShare(requests, fromIndex = 0) {
	const slice = requests.slice(fromIndex);
	const limited = slice.filter((request) => request.status === 429).length;
	return { total: slice.length, limited, share: slice.length === 0 ? 0 : limited / slice.length };
}
