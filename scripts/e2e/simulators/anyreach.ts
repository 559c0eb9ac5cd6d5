/**
 * Anyreach for the e2e run (used by the editor check so that Anyreach panels show a credential and
 * its campaign list loads, and by any Anyreach example). The credential holds an organization API
 * key with every scope.
 * Seed (optional): { "campaigns": [{ "name": "Spring renewals", "status": "active", "external_id": "crm-1" }] }
 * State: { "campaigns": { "<id>": { "name", "status" } } }
 */
import { ANYREACH_ORG_ID, ANYREACH_ORG_KEY, AnyreachSimulator } from '../../../test/simulators/anyreach';
import { defineSimulator } from './types';

interface AnyreachSeed {
	campaigns?: Array<Parameters<AnyreachSimulator['addCampaign']>[0]>;
}

export default defineSimulator<AnyreachSimulator>({
	name: 'anyreach',
	credentialType: 'anyreachApi',
	create: () => new AnyreachSimulator(),
	credentialData: (baseUrl) => ({ token: ANYREACH_ORG_KEY, organizationId: ANYREACH_ORG_ID, baseUrl }),
	seed(simulator, raw) {
		for (const campaign of (raw as AnyreachSeed | undefined)?.campaigns ?? []) simulator.addCampaign(campaign);
	},
	state(simulator) {
		return { campaigns: Object.fromEntries([...simulator.campaigns.values()].map((campaign) => [campaign.id, { name: campaign.name, status: campaign.status }])) };
	},
});
