import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';
import { searchCampaigns, searchDoNotCallEntries } from './methods/listSearch';

export class OsmTalk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OSMTalk',
		name: 'osmTalk',
		icon: { light: 'file:../../icons/osmtalk.svg', dark: 'file:../../icons/osmtalk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and run OSMTalk voice-AI calling campaigns, upload their leads and manage the Do-Not-Call list',
		defaults: { name: 'OSMTalk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'osmTalkApi', required: true }],
		properties: versionProperties,
	};

	methods = { listSearch: { searchCampaigns, searchDoNotCallEntries } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
