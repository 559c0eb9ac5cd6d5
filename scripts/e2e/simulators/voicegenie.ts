/**
 * VoiceGenie for the e2e run (used by the editor check so that VoiceGenie panels show a credential,
 * and by any VoiceGenie example). No seed or state hooks yet: an example that needs them adds them here.
 */
import { VOICEGENIE_KEY, VoiceGenieSimulator } from '../../../test/simulators/voicegenie';
import { defineSimulator } from './types';

export default defineSimulator<VoiceGenieSimulator>({
	name: 'voicegenie',
	credentialType: 'voiceGenieApi',
	create: () => new VoiceGenieSimulator(),
	credentialData: (baseUrl) => ({ apiKey: VOICEGENIE_KEY, baseUrl }),
});
