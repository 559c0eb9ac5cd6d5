import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as doNotCall from './doNotCall/DoNotCall.resource';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

const resources: Record<string, object> = { campaign, doNotCall };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (resources[resource] as Record<string, { execute?: Operation }> | undefined)?.[operation];
	if (!handler?.execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await handler.execute.call(this)];
}
