// Prints jest's totals as one plain line, `N passed, N failed` (CI counts tests from it), and
// keeps it in .cache/test-summary.txt so .ci/run can print it last, after jest's own summary.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
		const file = path.join(__dirname, '..', '..', '.cache', 'test-summary.txt');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, `${line}\n`);
		process.stdout.write(`\n${line}\n`);
	}
}

module.exports = SummaryReporter;
