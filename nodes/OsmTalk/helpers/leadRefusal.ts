import type { ProviderSession } from '../../shared/transport/client';
import type { SendResult } from '../../shared/transport/http';
import { currentStatus } from './campaignState';

/**
 * The error for a lead upload OSMTalk refused without naming a lead. A 400 of that kind is about
 * the campaign, so its state is read and named; which states take leads is not documented, so the
 * error does not claim a rule.
 */
export async function leadRefusal(session: ProviderSession, campaignId: string, result: SendResult): Promise<Error> {
	const status = result.response?.statusCode;
	const notFound = `No campaign "${campaignId}" in this OSMTalk account: check the Campaign ID.`;
	if (status !== 400 && status !== 409) return session.error(result, { doing: `uploading leads to campaign "${campaignId}"`, notFound });
	const state = await currentStatus(session, campaignId, result.response?.body);
	const error = session.error(result, { doing: `uploading leads to campaign "${campaignId}"${state ? `, which is ${state}` : ''}`, notFound });
	(error as Error & { description?: string }).description =
		`OSMTalk named no lead in its answer, so it refused the upload as a whole${state ? ` while the campaign is ${state}` : ''}: check the campaign in OSMTalk (its state, agent and phone number), or upload the leads to a new draft campaign.`;
	return error;
}
