/**
 * OSVI for the e2e run. Seed (all optional):
 * { "campaigns": [4521], "agents": [{ "uuid": "agent_…", "hasOutboundTrunk": true, "dnd": ["+918888777666"] }] }
 * State: { "campaigns": { "<id>": { "contacts": [...stored contacts], "uploads": n } }, "dnd": { "<agent>": [phones] } }
 */
import { OSVI_TOKEN, OsviSimulator } from '../../../test/simulators/osvi';
import { defineSimulator } from './types';

interface OsviSeed {
	campaigns?: number[];
	agents?: Array<string | { uuid: string; hasOutboundTrunk?: boolean; dnd?: string[] }>;
}

export default defineSimulator<OsviSimulator>({
	name: 'osvi',
	credentialType: 'osviApi',
	create: () => new OsviSimulator(),
	credentialData: (baseUrl) => ({ apiToken: OSVI_TOKEN, baseUrl }),
	seed(simulator, raw) {
		const seed = (raw ?? {}) as OsviSeed;
		for (const id of seed.campaigns ?? []) simulator.addCampaign(id);
		for (const entry of seed.agents ?? []) {
			const agent = typeof entry === 'string' ? { uuid: entry } : entry;
			const created = simulator.addAgent(agent.uuid, agent.hasOutboundTrunk ?? true);
			(agent.dnd ?? []).forEach((phone, index) =>
				created.dnd.set(phone, { id: index + 1, phone, reason: 'seeded', created_at: new Date(0).toISOString() }),
			);
		}
	},
	state(simulator) {
		return {
			campaigns: Object.fromEntries(
				[...simulator.campaigns.values()].map((campaign) => [
					campaign.id,
					{ uploads: campaign.uploads.length, contacts: simulator.storedContacts(campaign.id) },
				]),
			),
			dnd: Object.fromEntries([...simulator.agents.values()].map((agent) => [agent.uuid, [...agent.dnd.keys()]])),
		};
	},
});
