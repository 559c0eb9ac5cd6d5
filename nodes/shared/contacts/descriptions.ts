import type { INodeProperties } from 'n8n-workflow';

import { PHONE_ALIASES } from './mapping';
import { countryOptions } from './phone';
import type { ContactProfile } from './types';

export interface UploadPropertiesConfig {
	/** Default of the Default Country option; `false` hides the option (the provider fixes the country). */
	defaultCountry: string | false;
	/** Provider-specific entries added to the Options collection. */
	extraOptions?: INodeProperties[];
	/** Provider-specific entries added to the Field Mapping collection. */
	extraMappings?: INodeProperties[];
	/** Shared options this upload does not offer (e.g. variables for a Do-Not-Call list). */
	omitOptions?: string[];
}

/**
 * The parameters every contact upload shares: where the contacts come from, how their fields are
 * found, and the pipeline's options. The provider's own parameters (campaign, agent…) come first.
 */
export function contactUploadProperties(profile: ContactProfile, config: UploadPropertiesConfig): INodeProperties[] {
	const { maxBatchSize } = profile;
	const { defaultCountry } = config;
	const mappings: INodeProperties[] = [
		{
			displayName: 'Phone Field',
			name: 'phoneField',
			type: 'string',
			default: '',
			placeholder: 'phone',
			description: `Field (or CSV column) with the phone number${profile.multiplePhones ? 's (several: an array, or separated by commas or semicolons, in dial order)' : ''}. Left out, it is detected: ${PHONE_ALIASES.join(', ')} (any case). An expression other than a plain field reference is evaluated per contact.`,
		},
		...profile.fields.map(
			(field): INodeProperties => ({
				displayName: `${field.displayName} Field`,
				name: `${field.key}Field`,
				type: 'string',
				default: '',
				placeholder: field.aliases[0],
				description: `${field.description ?? `Field (or CSV column) with the ${field.displayName.toLowerCase()}`}. Left out, it is detected: ${field.aliases.join(', ')}.`,
			}),
		),
		...(config.extraMappings ?? []),
	];

	const options: INodeProperties[] = ([
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: maxBatchSize },
			default: maxBatchSize,
			description: `Contacts per request, at most ${profile.maxBatchSize.toLocaleString('en-US')} (${profile.provider}'s limit)`,
		},
		{
			displayName: 'CSV Delimiter',
			name: 'csvDelimiter',
			type: 'string',
			default: '',
			placeholder: ',',
			description: 'Column delimiter of the CSV file. Left empty, it is detected from the header line (comma, semicolon, tab or pipe).',
		},
		...(defaultCountry === false
			? []
			: [
					{
						displayName: 'Default Country',
						name: 'defaultCountry',
						type: 'options',
						options: countryOptions(),
						default: defaultCountry,
						description: 'Country of phone numbers written without a country code (ISO 3166-1 code)',
					} as INodeProperties,
				]),
		{
			displayName: 'Do-Not-Call Numbers',
			name: 'doNotCallNumbers',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: '+919876543210, +14155550101',
			description: 'Numbers that must not be called, separated by commas, semicolons or new lines; contacts with one of them are reported as suppressed and not sent. An expression can join a list from an earlier node.',
		},
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to stop before sending and report what would be sent (status "ready") and what would be skipped',
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Contact',
					value: 'perContact',
					description: 'Each input contact with its status and reason',
				},
				{
					name: 'Summary',
					value: 'summary',
					description: 'One item with the counts, the batches and every contact that was not sent',
				},
			],
			default: 'perContact',
		},
		{
			displayName: 'Variable Fields',
			name: 'variableFields',
			type: 'string',
			default: '',
			placeholder: 'plan, renewal_date',
			description: 'Other fields to send as contact variables, separated by commas. Left empty, every field that is not mapped above is sent.',
		},
		...(config.extraOptions ?? []),
	] as INodeProperties[])
		.filter((option) => !config.omitOptions?.includes(option.name))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));

	return [
		{
			displayName: 'Contact Source',
			name: 'contactSource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Input Items', value: 'items', description: 'Each input item is one contact' },
				{
					name: 'CSV File',
					value: 'csv',
					description: 'Each input item carries a CSV file of contacts in a binary property',
				},
			],
			default: 'items',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			displayOptions: { show: { contactSource: ['csv'] } },
			description: 'Name of the binary property that holds the CSV file',
		},
		{
			displayName: 'Field Mapping',
			name: 'fieldMapping',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Which fields hold the contact data; fields left out are detected by name',
			options: mappings,
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options,
		},
	];
}
