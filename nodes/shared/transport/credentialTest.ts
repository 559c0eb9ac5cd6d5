import type { ICredentialTestRequest } from 'n8n-workflow';

export interface KeyCheck {
	provider: string;
	/** The credential field a refused key points at, e.g. "API Token". */
	keyField: string;
	/** Added to the refusal, e.g. where a personal token needs an organization. */
	refusedHint?: string;
	/** A documented request that reaches the key check and changes nothing. */
	request: ICredentialTestRequest['request'];
	/** Further statuses that mean the test cannot have reached the provider's API, with what to say. */
	failOn?: Record<number, string>;
}

const SERVER_ERRORS = [500, 502, 503, 504];

/**
 * n8n's credential test, judged so that only a refused key (or a provider that cannot answer)
 * fails: a provider that accepted the key may still refuse the probe itself (400 / 404 / 422 for
 * the ID or body it lacks), which says nothing against the key. Declarative, because a
 * programmatic `credentialTest` only gets n8n's deprecated `helpers.request`.
 */
export function keyCheckTest(check: KeyCheck): ICredentialTestRequest {
	const refused = (status: number) =>
		`${check.provider} refused the key (HTTP ${status}): check the ${check.keyField} of the credential${check.refusedHint ? `. ${check.refusedHint}` : ''}`;
	const messages: Record<number, string> = {
		401: refused(401),
		403: `${refused(403)} (a key without the permission to read is refused too)`,
		...Object.fromEntries(
			SERVER_ERRORS.map((status) => [status, `${check.provider} answered HTTP ${status} (a server problem), so the key could not be checked: try again later, and check the Base URL`]),
		),
		...check.failOn,
	};
	return {
		request: {
			...check.request,
			ignoreHttpStatusErrors: { ignore: true, except: Object.keys(messages).map(Number) },
		},
		rules: Object.entries(messages).map(([status, message]) => ({
			type: 'responseCode' as const,
			properties: { value: Number(status), message },
		})),
	};
}
