import { NodeOperationError, type IExecuteFunctions, type INodeParameterResourceLocator, type INodeProperties } from 'n8n-workflow';

/** Whether a stored parameter value is a resource locator's `{__rl, mode, value}`. */
export function isLocatorValue(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true && 'value' in value;
}

/**
 * The ID a resource locator parameter holds for an item, trimmed. Workflows saved before the
 * parameter was a locator hold a plain string (or number) there: n8n hands that over as it is,
 * and it is read the same way. An empty value is refused before anything is sent, naming the
 * field and the item.
 */
export function locatorId(context: IExecuteFunctions, name: string, label: string, itemIndex: number, hint?: string): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	return requiredId(context, value, label, itemIndex, hint);
}

/** A required ID as text: a locator object, a string or a number; empty is refused. */
export function requiredId(context: IExecuteFunctions, value: unknown, label: string, itemIndex: number, hint?: string): string {
	const raw = isLocatorValue(value) ? value.value : value;
	const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (id === '') {
		throw new NodeOperationError(context.getNode(), `${label} is empty (item ${itemIndex})`, {
			itemIndex,
			description: hint ?? `Pick the ${label.replace(/ ID$/, '').toLowerCase()} from the list or give its ID.`,
		});
	}
	return id;
}

interface ListOrIdLocator {
	displayName: string;
	name: string;
	description: string;
	/** The `methods.listSearch` function that fills the list. */
	searchListMethod: string;
	/** What the empty list field says, e.g. "Select a campaign…". */
	listPlaceholder: string;
	/** An example ID that reads as an example, not as a value. */
	idPlaceholder: string;
}

/**
 * A required ID picked From List (filled by a list search; the search text is optional) or given
 * By ID. The providers document no URL form of their objects, so there is no By URL mode.
 */
export function listOrIdLocator(locator: ListOrIdLocator): INodeProperties {
	return {
		displayName: locator.displayName,
		name: locator.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: locator.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: locator.listPlaceholder,
				typeOptions: { searchListMethod: locator.searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: locator.idPlaceholder },
		],
	};
}
