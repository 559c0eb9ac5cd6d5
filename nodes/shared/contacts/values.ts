/*
 * Whether a field's value can be sent at all. Every provider sends JSON, and a value nested
 * thousands of levels deep or referring to itself makes JSON.stringify overflow the stack or
 * throw: such a contact is refused with a reason before any request, instead of the whole batch
 * failing with "Maximum call stack size exceeded". A replacement character (U+FFFD) means text was
 * lost in an earlier conversion and would be sent as "Jos� M�ller": refused too. A phone field
 * must hold text or a number.
 */

import { describeValue } from './reasons';

/** The deepest nesting a field value may have; far beyond any real contact record. */
export const MAX_VALUE_DEPTH = 100;
/** The most objects and lists one value may hold, so that checking it stays cheap. */
export const MAX_VALUE_NODES = 100_000;

/** Why an object value cannot be sent (deep, cyclic or huge), walked without recursion. */
function structureProblem(root: object): string | undefined {
	const onPath = new Set<object>();
	// A negative depth marks the exit from a node, when it leaves the current path.
	const stack: Array<[object, number]> = [[root, 1]];
	let visited = 0;
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (depth < 0) {
			onPath.delete(node);
			continue;
		}
		if (onPath.has(node)) return 'contains itself (a cyclic value), which cannot be sent';
		if (depth > MAX_VALUE_DEPTH) return `is nested more than ${MAX_VALUE_DEPTH} levels deep, which cannot be sent`;
		if (++visited > MAX_VALUE_NODES) return `holds more than ${MAX_VALUE_NODES.toLocaleString('en-US')} nested objects and lists, which is too much to send`;
		onPath.add(node);
		stack.push([node, -1]);
		for (const key in node) {
			const child = (node as Record<string, unknown>)[key];
			if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
		}
	}
	return undefined;
}

const REPLACEMENT = '\uFFFD';

/** Why a field's value cannot be sent, as the end of a sentence starting with the field's name. */
export function valueProblem(value: unknown): string | undefined {
	if (typeof value === 'string') {
		return value.includes(REPLACEMENT)
			? 'contains "\uFFFD", the mark of characters lost when the text was converted between encodings; fix the text at its source'
			: undefined;
	}
	if (value === null || typeof value !== 'object') return undefined;
	return structureProblem(value);
}

/** Whether a phone field's value (or a list entry) can hold a phone number: text or a finite number. */
function isPhoneValue(value: unknown): boolean {
	if (value === null || value === undefined || typeof value === 'string' || typeof value === 'bigint') return true;
	return typeof value === 'number' && Number.isFinite(value);
}

/** Why a phone field's value is not a phone number (a boolean, an object…), or undefined. */
export function phoneValueProblem(value: unknown, field: string): string | undefined {
	if (isPhoneValue(value)) return undefined;
	let what = describeValue(value);
	if (Array.isArray(value)) {
		const bad = value.find((entry) => !isPhoneValue(entry));
		if (bad === undefined) return undefined;
		what = `a list with ${describeValue(bad)} in it`;
	}
	return `the phone field ${field} holds ${what}, which is not a phone number`;
}
