import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { versionProperties } from './actions/versionDescription';

export class VoiceGenie implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VoiceGenie',
		name: 'voiceGenie',
		icon: { light: 'file:../../icons/voicegenie.svg', dark: 'file:../../icons/voicegenie.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create or update VoiceGenie (Oriserve) voice-AI campaigns with contacts or a contacts file',
		defaults: { name: 'VoiceGenie' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'voiceGenieApi', required: true }],
		properties: versionProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
