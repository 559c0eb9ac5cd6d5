import type { INodeProperties } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as configuration from './configuration/Configuration.resource';
import * as contact from './contact/Contact.resource';

/** The node's parameters: the resource selector, then each resource's operations. */
export const versionProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Campaign', value: 'campaign' },
			{ name: 'Configuration', value: 'configuration' },
			{ name: 'Contact', value: 'contact' },
		],
		default: 'contact',
	},
	...campaign.description,
	...configuration.description,
	...contact.description,
];
