import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { batchCallIdProperty, requestOptionsProperty } from '../../descriptions/batchCall';
import { batchCallIdParameter } from '../../helpers/parameters';
import { dataOf, truedyClient } from '../../transport';

/** Pause and Resume: a POST to `/batch-calls/{id}/<transition>` per item, the batch call's ID with Truedy's answer as output. */
export function transitionOperation(transition: 'pause' | 'resume') {
	const properties: INodeProperties[] = [batchCallIdProperty, requestOptionsProperty];
	const description = updateDisplayOptions({ show: { resource: ['batchCall'], operation: [transition] } }, properties);

	async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
		return await forEachItem.call(this, async (itemIndex) => {
			const id = batchCallIdParameter(this, itemIndex);
			const body = await truedyClient.request(
				this,
				{ method: 'POST', path: `/batch-calls/${encodeURIComponent(id)}/${transition}` },
				{ itemIndex, doing: `${transition === 'pause' ? 'pausing' : 'resuming'} batch call ${id}`, notFound: `No batch call ${id} on this Truedy account: check the Batch Call ID.` },
			);
			return { batch_call_id: id, ...dataOf(body) };
		});
	}

	return { description, execute };
}
