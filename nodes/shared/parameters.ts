import type { IExecuteFunctions } from 'n8n-workflow';

import { isLocatorValue } from './resourceLocator';

/** Whether a raw parameter value is an n8n expression (`={{ … }}`). */
export function isExpression(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith('=');
}

/** Whether a raw parameter value can differ per item: an expression, or a resource locator holding one. */
export function isPerItem(value: unknown): boolean {
	return isExpression(value) || (isLocatorValue(value) && isExpression(value.value));
}

/** The parameter as the user wrote it, before expressions are resolved. */
export function rawParameter(context: IExecuteFunctions, path: string): unknown {
	let value: unknown = context.getNode().parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * `={{ $json.phone }}` or `={{ $json["phone number"] }}` — what dragging a field into a parameter
 * writes — is just a field read: return the field name so it can be read without evaluating an
 * expression per item (100,000 evaluations cost seconds, 100,000 property reads cost nothing).
 */
export function plainJsonField(expression: string): string | undefined {
	const match = /^=\s*\{\{\s*\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])((?:(?!\2).)+)\2\s*\])\s*\}\}\s*$/.exec(expression);
	if (!match) return undefined;
	return match[1] ?? match[3];
}

/**
 * Reads a parameter for every item cheaply: a fixed value is resolved once, an expression per item.
 */
export function itemParameterReader<T>(
	context: IExecuteFunctions,
	name: string,
	fallback?: T,
): (itemIndex: number) => T {
	if (isPerItem(rawParameter(context, name))) {
		return (itemIndex) => context.getNodeParameter(name, itemIndex, fallback) as T;
	}
	const value = context.getNodeParameter(name, 0, fallback) as T;
	return () => value;
}
