// Checks one example run against its expectations (examples/<name>.expect.json and, optionally,
// examples/<name>.expect.mjs). The format is documented in docs/e2e.md.

/**
 * Does `actual` match `expected`? Objects match when every expected key matches (extra actual keys
 * are fine); arrays match element by element and must have the same length; other values must be
 * equal. Operators: {"$any":true} {"$absent":true} {"$length":n} {"$regex":"…"} {"$type":"string"}
 * {"$contains":[…]} (some element matches each) {"$gte":n} {"$lte":n} {"$not":x}.
 * Returns a list of differences ("path: why").
 */
export function match(actual, expected, where = '$') {
	if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
		const ops = Object.keys(expected).filter((key) => key.startsWith('$'));
		if (ops.length > 0) return matchOperators(actual, expected, where);
		if (!actual || typeof actual !== 'object' || Array.isArray(actual)) {
			return [`${where}: expected an object, got ${short(actual)}`];
		}
		return Object.entries(expected).flatMap(([key, value]) => {
			if (value && typeof value === 'object' && value.$absent === true) {
				return key in actual ? [`${where}.${key}: expected absent, got ${short(actual[key])}`] : [];
			}
			if (!(key in actual)) return [`${where}.${key}: missing (expected ${short(value)})`];
			return match(actual[key], value, `${where}.${key}`);
		});
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${where}: expected an array, got ${short(actual)}`];
		if (actual.length !== expected.length) return [`${where}: expected ${expected.length} elements, got ${actual.length}`];
		return expected.flatMap((value, index) => match(actual[index], value, `${where}[${index}]`));
	}
	return Object.is(actual, expected) ? [] : [`${where}: expected ${short(expected)}, got ${short(actual)}`];
}

function matchOperators(actual, expected, where) {
	const problems = [];
	for (const [op, value] of Object.entries(expected)) {
		switch (op) {
			case '$any':
				if (actual === undefined) problems.push(`${where}: missing`);
				break;
			case '$absent':
				if (actual !== undefined) problems.push(`${where}: expected absent, got ${short(actual)}`);
				break;
			case '$length':
				if (actual?.length !== value) problems.push(`${where}: expected length ${value}, got ${actual?.length}`);
				break;
			case '$regex':
				if (typeof actual !== 'string' || !new RegExp(value).test(actual)) problems.push(`${where}: ${short(actual)} does not match /${value}/`);
				break;
			case '$type':
				if ((Array.isArray(actual) ? 'array' : actual === null ? 'null' : typeof actual) !== value) problems.push(`${where}: expected a ${value}, got ${short(actual)}`);
				break;
			case '$gte':
				if (!(actual >= value)) problems.push(`${where}: expected >= ${value}, got ${short(actual)}`);
				break;
			case '$lte':
				if (!(actual <= value)) problems.push(`${where}: expected <= ${value}, got ${short(actual)}`);
				break;
			case '$not':
				if (match(actual, value, where).length === 0) problems.push(`${where}: expected not ${short(value)}`);
				break;
			case '$contains':
				if (!Array.isArray(actual)) problems.push(`${where}: expected an array, got ${short(actual)}`);
				else
					for (const [index, wanted] of value.entries()) {
						if (!actual.some((element) => match(element, wanted, where).length === 0)) {
							problems.push(`${where}: no element matches $contains[${index}] ${short(wanted)}`);
						}
					}
				break;
			default:
				problems.push(`${where}: unknown operator ${op}`);
		}
	}
	return problems;
}

function short(value) {
	const text = value === undefined ? 'undefined' : JSON.stringify(value);
	return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** The items a node output in a run (first run of the node, output 0 unless told). */
export function nodeOutput(run, nodeName, outputIndex = 0) {
	const runData = run?.data?.resultData?.runData ?? {};
	const name = nodeName ?? run?.data?.resultData?.lastNodeExecuted;
	const task = runData[name]?.[0];
	return { name, items: task?.data?.main?.[outputIndex] ?? [], error: task?.error };
}

/**
 * All checks for one run. `run` is the parsed `n8n execute --rawOutput` JSON (IRun), `report` what
 * the simulators received and hold, `secrets` credential values that must never appear in output.
 */
export async function checkRun({ expect, checker, run, runError, report, response, secrets }) {
	const problems = [];
	const wantsError = expect.error !== undefined && expect.error !== false;
	if (runError && !wantsError) problems.push(`the run failed: ${runError}`);
	if (!runError && wantsError) problems.push('the run succeeded but expectations want an error');
	if (runError && wantsError && typeof expect.error === 'string' && !runError.includes(expect.error)) {
		problems.push(`the run failed with "${runError}", expected a message containing "${expect.error}"`);
	}

	const outputs = expect.outputs ?? (expect.output ? [expect.output] : []);
	for (const wanted of outputs) {
		const { name, items, error } = nodeOutput(run, wanted.node, wanted.outputIndex);
		const label = `output of "${name}"`;
		if (error && !wanted.error) problems.push(`${label}: node error ${error.message ?? JSON.stringify(error)}`);
		if (wanted.items !== undefined && items.length !== wanted.items) problems.push(`${label}: expected ${wanted.items} items, got ${items.length}`);
		if (wanted.match) {
			const json = items.map((item) => item.json);
			if (json.length !== wanted.match.length) problems.push(`${label}: match lists ${wanted.match.length} items, the node output ${json.length}`);
			else problems.push(...match(json, wanted.match, label));
		}
		if (wanted.contains) problems.push(...match(items.map((item) => item.json), { $contains: wanted.contains }, label));
		if (wanted.every) items.forEach((item, index) => problems.push(...match(item.json, wanted.every, `${label}[${index}]`)));
		if (wanted.pairedItem !== false) {
			items.forEach((item, index) => {
				if (item.pairedItem === undefined) problems.push(`${label}[${index}]: no pairedItem`);
			});
		}
	}

	if (expect.response) {
		if (!response) problems.push('response: the run was not started by a webhook');
		else problems.push(...match(response, expect.response, 'webhook response'));
	}

	for (const [simulator, wanted] of Object.entries(expect.requests ?? {})) {
		const got = report[simulator]?.requests;
		if (!got) {
			problems.push(`requests: no simulator named "${simulator}"`);
			continue;
		}
		problems.push(...match(got, wanted, `requests.${simulator}`));
	}
	for (const [simulator, wanted] of Object.entries(expect.state ?? {})) {
		problems.push(...match(report[simulator]?.state, wanted, `state.${simulator}`));
	}

	const text = JSON.stringify(run ?? {}) + JSON.stringify(response ?? {}) + String(runError ?? '');
	for (const secret of secrets) if (text.includes(secret)) problems.push(`a credential secret appears in the run output`);

	if (checker) {
		const extra = await checker({ run, runError, report, response, nodeOutput: (name, index) => nodeOutput(run, name, index), match });
		if (Array.isArray(extra)) problems.push(...extra);
	}
	return problems;
}
