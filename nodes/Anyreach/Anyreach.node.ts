import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';
import { searchCampaigns, searchConfigurations, searchContacts } from './methods/listSearch';

export class Anyreach implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Anyreach',
		name: 'anyreach',
		icon: { light: 'file:../../icons/anyreach.svg', dark: 'file:../../icons/anyreach.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Upsert contacts into Anyreach voice-AI calling campaigns and run the campaigns and their configurations',
		defaults: { name: 'Anyreach' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'anyreachApi', required: true }],
		properties: versionProperties,
	};

	methods = { listSearch: { searchCampaigns, searchConfigurations, searchContacts } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
