import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

type Operation = (this: IExecuteFunctions) => Promise<INodeExecutionData[]>;

/**
 * Dispatches to `actions/<resource>/<operation>.operation.ts`: `resources` maps each resource
 * value to its `<Resource>.resource.ts` module, which re-exports its operation modules.
 */
export async function routeToOperation(
	this: IExecuteFunctions,
	resources: Record<string, object>,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = (resources[resource] as Record<string, { execute?: Operation }> | undefined)?.[operation];
	if (!module?.execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await module.execute.call(this)];
}
