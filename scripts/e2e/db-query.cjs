// Runs one read-only query on n8n's SQLite database with the sqlite3 module of the target's n8n
// install, under the target's Node (the native module is built for it), and prints the rows as
// JSON. Columns named `data` are decoded with `flatted` (how n8n stores execution data).
// Usage: <node> db-query.cjs <n8n install dir> <database.sqlite> <sql> [params as JSON]
const path = require('node:path');
const { createRequire } = require('node:module');

const [installDir, database, sql, params = '[]'] = process.argv.slice(2);
const n8nRequire = createRequire(path.join(installDir, 'node_modules', 'n8n', 'package.json'));
const sqlite3 = n8nRequire('sqlite3');
const flatted = n8nRequire('flatted');
const db = new sqlite3.Database(database, sqlite3.OPEN_READONLY, (error) => {
	if (error) fail(error);
});
db.all(sql, JSON.parse(params), (error, rows) => {
	if (error) fail(error);
	for (const row of rows) if (typeof row.data === 'string') row.data = flatted.parse(row.data);
	process.stdout.write(JSON.stringify(rows));
	db.close();
});

function fail(error) {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
}
