import type { IDataObject } from 'n8n-workflow';

/**
 * What finally happened to one input contact. `sent` only when the provider confirmed it;
 * `unconfirmed` when it may have been stored but the provider's answer did not say; `ready` is
 * used only by a dry run; `already_sent` when an earlier run of the node sent it.
 */
export type ContactStatus = 'sent' | 'duplicate' | 'invalid' | 'suppressed' | 'already_sent' | 'failed' | 'unconfirmed' | 'ready';

export const CONTACT_STATUSES: readonly ContactStatus[] = [
	'sent',
	'duplicate',
	'invalid',
	'suppressed',
	'already_sent',
	'failed',
	'unconfirmed',
	'ready',
];

/** One row as read from the input, before any mapping. */
export interface SourceRow {
	/** Index of the n8n input item the row came from. */
	itemIndex: number;
	/** Data row of a CSV file as numbered in the file (the header is row 0); null for a contact given as an item. */
	row: number | null;
	/** The row's fields: an item's JSON, or a CSV record keyed by header. */
	fields: IDataObject;
	/** Why the row cannot be a contact whatever its fields hold (e.g. "empty row"). */
	problem?: string;
	/** Set on the rows of a CSV file whose encoding Auto had to guess (shared by the file's rows). */
	decodedAs?: EncodingGuess;
}

/** An encoding chosen for a file without a byte-order mark, and why. */
export interface EncodingGuess {
	itemIndex: number;
	/** As users name it, e.g. "Windows-1252". */
	encoding: string;
	why: string;
}

/** A structured contact field a provider knows (besides the phone), e.g. a name or an email. */
export interface ContactFieldSpec {
	/** Key in `MappedContact.fields` and in the node's Field Mapping collection (`<key>Field`). */
	key: string;
	displayName: string;
	/** Column/field names recognised automatically, compared case- and punctuation-insensitively. */
	aliases: string[];
	/** When no alias matches, join these columns (first match of each group) with a space. */
	combine?: string[][];
	description?: string;
}

/** A row after mapping: the provider-neutral shape every profile works from. */
export interface MappedContact {
	/** Phone numbers as given, in dial priority order (most providers take only the first). */
	rawPhones: string[];
	/** Structured fields by `ContactFieldSpec.key`; missing ones are absent. */
	fields: Record<string, string>;
	/** Every other field of the row, carried to the provider as contact variables. */
	variables: IDataObject;
	/** The row's fields as given (item JSON or CSV columns), for Include Input Fields. */
	input: IDataObject;
	/**
	 * Why the contact cannot be sent whatever the provider's rules (an empty row, a phone field that
	 * holds no phone, a value too deep or cyclic to send…): the contact is `invalid` with this reason.
	 */
	problem?: string;
	/** The encoding guessed for the contact's file, when Auto had to guess. */
	decodedAs?: EncodingGuess;
}

/** One contact as it moves through the pipeline; ends with exactly one status. */
export interface ContactRecord {
	/** Position in input order; output items are emitted in this order. */
	seq: number;
	itemIndex: number;
	row: number | null;
	contact: MappedContact;
	/** The E.164 number the contact is sent with: its first normalized phone; undefined while it has none. */
	phone: string | undefined;
	/** Every normalized phone number (E.164), in the order of `contact.rawPhones`; the first is `phone`. */
	phones: string[];
	status?: ContactStatus;
	reason?: string;
	/** 1-based batch number the contact was (or would be) sent in. */
	batch?: number;
	/** For a duplicate: the contact that was kept instead. */
	duplicateOf?: ContactRecord;
	/** What the provider answered for the contact's batch (shared by the batch). */
	providerResponse?: IDataObject;
}

export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: string };

export interface NormalizeContext {
	defaultCountry?: string;
	/** The parameters that address the upload (campaign…), for a phone rule that depends on them. */
	target?: IDataObject;
}

/**
 * What one provider contributes to the shared pipeline: its phone rule, dedupe rule, batch limit
 * and contact validation. The wire format lives with the provider's send function.
 */
export interface ContactProfile {
	/** Display name used in reasons and errors, e.g. "OSVI". */
	provider: string;
	/** Structured fields besides the phone, in the order the UI shows them. */
	fields: ContactFieldSpec[];
	/** The most contacts one request may carry. */
	maxBatchSize: number;
	/** Whether a contact may carry several phone numbers (comma/semicolon separated or an array). */
	multiplePhones?: boolean;
	/**
	 * With `multiplePhones`: recognises phone columns by header. When set and the phone field is
	 * detected rather than named, every column it accepts contributes its numbers, in column order
	 * (as a provider's own uploader maps several phone columns); otherwise only the first alias match.
	 */
	phoneColumns?: (header: string) => boolean;
	/** Normalizes one phone number to what the provider accepts; defaults to E.164 for any country. */
	normalizePhone?: (raw: string, context: NormalizeContext) => PhoneCheck;
	/** Checks a mapped contact beyond its phone; returns the reason it cannot be sent. */
	validate?: (contact: MappedContact) => string | undefined;
	/** The key two contacts are duplicates under; defaults to the first normalized phone. */
	dedupeKey?: (record: ContactRecord) => string;
	/** Words for the dedupe key in reasons, e.g. "phone number" or "external_id". */
	dedupeKeyLabel?: (record: ContactRecord) => string;
	/** Of two duplicates, whether `candidate` should replace `kept`; defaults to keeping the first. */
	preferDuplicate?: (candidate: ContactRecord, kept: ContactRecord) => boolean;
}
