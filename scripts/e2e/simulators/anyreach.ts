/**
 * Anyreach for the e2e run (used by the editor check so that Anyreach panels show a credential, and
 * by any Anyreach example). The credential holds an organization API key with every scope.
 * No seed or state hooks yet: an example that needs campaigns adds them here.
 */
import { ANYREACH_ORG_ID, ANYREACH_ORG_KEY, AnyreachSimulator } from '../../../test/simulators/anyreach';
import { defineSimulator } from './types';

export default defineSimulator<AnyreachSimulator>({
	name: 'anyreach',
	credentialType: 'anyreachApi',
	create: () => new AnyreachSimulator(),
	credentialData: (baseUrl) => ({ token: ANYREACH_ORG_KEY, organizationId: ANYREACH_ORG_ID, baseUrl }),
});
