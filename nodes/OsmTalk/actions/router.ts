import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeToOperation } from '../../shared/router';
import * as campaign from './campaign/Campaign.resource';
import * as doNotCall from './doNotCall/DoNotCall.resource';
import * as lead from './lead/Lead.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeToOperation.call(this, { campaign, doNotCall, lead });
}
