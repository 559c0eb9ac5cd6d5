import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';

export class Osvi implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OSVI',
		name: 'osvi',
		icon: { light: 'file:../../icons/osvi.svg', dark: 'file:../../icons/osvi.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add contacts to OSVI voice-AI calling campaigns and manage Do-Not-Call lists',
		defaults: { name: 'OSVI' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'osviApi', required: true }],
		properties: versionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
