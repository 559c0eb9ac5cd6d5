import type { ContactRecord } from '../../../shared/contacts/types';
import { contactUploadOperation } from '../../../shared/contacts/uploadOperation';
import { campaignProperties } from '../../descriptions/campaign';
import { campaignFields, type VoiceGenieCampaign } from '../../helpers/campaignFields';
import { uploadAnswerReader } from '../../helpers/uploadAnswer';
import { toVoiceGenieContact, voiceGenieProfile } from '../../profile';
import { refusalAsFailure, voiceGenieClient } from '../../transport';

/** The campaign each contact was sent to, so the answer's reasons can name it. */
const sentTo = new WeakMap<ContactRecord, string>();

export const { description, execute } = contactUploadOperation<VoiceGenieCampaign>({
	resource: 'campaign',
	operation: 'createOrUpdate',
	profile: voiceGenieProfile,
	client: voiceGenieClient,
	targetProperties: campaignProperties,
	readTarget: campaignFields,
	// Numbers without a country code are Indian unless the Default Country option says otherwise.
	country: { default: 'IN' },
	// VoiceGenie skips numbers already in the campaign: a batch whose answer did not confirm is
	// sent once more, and what it had stored comes back as skipped.
	repeat: 'deduplicated',
	sendBatch: async ({ session, target, batch }) => {
		for (const record of batch) sentTo.set(record, target.campaign_name);
		return refusalAsFailure(
			await session.send({
				method: 'POST',
				path: '/uploadCampaignData',
				body: { ...target, contacts: batch.map(toVoiceGenieContact) },
			}),
		);
	},
	answer: uploadAnswerReader((batch) => (batch[0] && sentTo.get(batch[0])) ?? ''),
});
