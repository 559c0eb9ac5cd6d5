import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

/**
 * Runs an operation once per input item, the n8n way: results paired to their item, and with
 * Continue On Fail an error item for a failed item instead of stopping the node.
 */
export async function forEachItem(
	this: IExecuteFunctions,
	run: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const count = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const data = await run(itemIndex);
			const results = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(data), {
				itemData: { item: itemIndex },
			});
			// A loop, not push(...results): a Return All of over ~125,000 entries would overflow the stack.
			for (const result of results) output.push(result);
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			if (error instanceof NodeApiError) {
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject, { itemIndex });
			}
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return output;
}
