// Reads n8n's own SQLite database (the user folder's database.sqlite): where a webhook listens and
// the run data of a webhook execution. Each query runs in db-query.cjs under the target's Node,
// with the sqlite3 module of the target's install (built for that Node).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const QUERY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'db-query.cjs');

export function openDb(runtime, userFolder) {
	const database = path.join(userFolder, '.n8n', 'database.sqlite');
	const all = (sql, params = []) =>
		new Promise((resolve, reject) =>
			execFile(runtime.node.bin, [QUERY, runtime.dir, database, sql, JSON.stringify(params)], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
				error ? reject(new Error(`database query failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
			),
		);
	return {
		async webhook(workflowId, nodeName) {
			const rows = await all('SELECT webhookPath, method FROM webhook_entity WHERE workflowId = ? AND node = ?', [workflowId, nodeName]);
			return rows[0];
		},
		async lastExecution(workflowId) {
			const [row] = await all('SELECT id, status, finished FROM execution_entity WHERE workflowId = ? ORDER BY id DESC LIMIT 1', [workflowId]);
			return row;
		},
		async executionData(executionId) {
			const [row] = await all('SELECT data FROM execution_data WHERE executionId = ?', [executionId]);
			return row?.data;
		},
		close: async () => undefined,
	};
}
