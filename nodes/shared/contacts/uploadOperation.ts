import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { ProviderClient, ProviderSession } from '../transport/client';
import type { SendResult } from '../transport/http';
import type { BatchAnswerReader, BatchPosition } from './batchAnswers';
import { contactUploadProperties } from './descriptions';
import type { ContactProfile, ContactRecord } from './types';
import { runContactUpload } from './uploadRun';

/** The pipeline's options as the user set them, read once per execution. */
export interface UploadOptions {
	batchSize?: number;
	csvDelimiter?: string;
	defaultCountry?: string;
	doNotCallNumbers?: string;
	dryRun?: boolean;
	output?: 'perContact' | 'summary';
	variableFields?: string;
	checkProviderDoNotCall?: boolean;
	skipSentBefore?: boolean;
	clearSentBefore?: boolean;
	uploadDeadline?: number;
	/** Provider-specific options. */
	[option: string]: unknown;
}

export interface SendBatchArgs<Target> {
	session: ProviderSession;
	target: Target;
	batch: ContactRecord[];
	position: BatchPosition;
	options: UploadOptions;
}

/** Everything a provider says about one contact upload operation; the rest is shared. */
export interface ContactUploadSpec<Target> {
	resource: string;
	operation: string;
	/** The provider's contact rules (a function when the profile keeps per-upload caches). */
	profile: ContactProfile | (() => ContactProfile);
	client: ProviderClient;
	/** The provider's parameters that address an upload (campaign, agent…), shown first. */
	targetProperties: INodeProperties[];
	/** Reads and checks one upload target from its parameters; throws a NodeOperationError naming the item. */
	readTarget: (context: IExecuteFunctions, parameters: IDataObject, itemIndex: number) => Target;
	/**
	 * The country of numbers written without a country code: fixed by the provider (no option), or
	 * the default of the Default Country option.
	 */
	country: { fixed: string } | { default: string };
	/** The provider's own Do-Not-Call list, read before sending when the user turns it on. */
	providerDoNotCall?: {
		description: string;
		read: (session: ProviderSession, target: Target, itemIndex: number) => Promise<Set<string>>;
	};
	/** Provider-specific entries of the Options collection; `omitOptions` drops shared ones. */
	extraOptions?: INodeProperties[];
	omitOptions?: string[];
	/** Sends one batch; its answer is read by `answer`. */
	sendBatch: (args: SendBatchArgs<Target>) => Promise<SendResult>;
	answer: BatchAnswerReader;
	/**
	 * How a repeated batch lands: `deduplicated` (the provider keeps one copy: a batch whose
	 * answer did not confirm is sent once more) or `stored again` (never re-sent after it may
	 * have arrived).
	 */
	repeat: 'deduplicated' | 'stored again';
	/** Whether Skip Contacts Sent Before is on by default: where the provider stores a re-sent contact again. */
	skipSentBeforeByDefault?: boolean;
	/**
	 * The target in the record of earlier runs (`key`) and in reasons (`words`, e.g. "OSVI
	 * campaign 42"); by default, the target parameters.
	 */
	describeTarget?: (target: Target) => { key: string; words: string };
}

/** One contact upload operation, as `{ description, execute }` for the node's resource module. */
export function contactUploadOperation<Target>(spec: ContactUploadSpec<Target>): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;
} {
	const profile = typeof spec.profile === 'function' ? spec.profile() : spec.profile;
	const doNotCallOption: INodeProperties[] = spec.providerDoNotCall
		? [
				{
					displayName: `Check ${profile.provider} Do-Not-Call List`,
					name: 'checkProviderDoNotCall',
					type: 'boolean',
					default: false,
					description: spec.providerDoNotCall.description,
				},
			]
		: [];
	const skipDefault = spec.skipSentBeforeByDefault === true;
	const skipSentBefore = {
		displayName: 'Skip Contacts Sent Before',
		name: 'skipSentBefore',
		description: `Whether to leave out contacts this node already sent to the same ${profile.provider} account and target in an earlier run (status "already_sent"). The record is kept in n8n's database and holds a contact only once ${profile.provider} confirmed it.`,
	};
	const runOptions: INodeProperties[] = [
		// On by default where the provider stores a re-sent contact again.
		skipDefault ? { ...skipSentBefore, type: 'boolean', default: true } : { ...skipSentBefore, type: 'boolean', default: false },
		{
			displayName: 'Upload Deadline (Minutes)',
			name: 'uploadDeadline',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'No batch starts after this many minutes from the start of the upload; the contacts not sent by then are reported as failed, with what was delivered before',
		},
		{
			displayName: 'Forget Contacts Sent Before',
			name: 'clearSentBefore',
			type: 'boolean',
			default: false,
			description: "Whether to clear this node's record of contacts sent in earlier runs (for every target) before this run",
		},
	];
	const properties = [
		...spec.targetProperties,
		...contactUploadProperties(profile, {
			defaultCountry: 'fixed' in spec.country ? false : spec.country.default,
			extraOptions: [...spec.client.options(), ...doNotCallOption, ...runOptions, ...(spec.extraOptions ?? [])],
			omitOptions: spec.omitOptions,
		}),
	];
	const description = updateDisplayOptions({ show: { resource: [spec.resource], operation: [spec.operation] } }, properties);

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await runContactUpload(this, spec);
	}

	return { description, execute };
}
