import type { INodeProperties } from 'n8n-workflow';

import { listOrIdLocator } from '../../shared/resourceLocator';

/** Picked from Anyreach's configuration list, or given by ID. */
export const configurationIdProperty: INodeProperties = listOrIdLocator({
	displayName: 'Configuration',
	name: 'configurationId',
	description: 'The configuration: pick it from the list, or give its ID',
	searchListMethod: 'searchConfigurations',
	listPlaceholder: 'Select a configuration…',
	idPlaceholder: 'e.g. 6b2d8f0a-…',
});

const EXAMPLE = `{
  "default_timezone": "America/New_York",
  "default_windows": [{ "days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00" }],
  "default_country_code": "US"
}`;

const DESCRIPTION =
	"The configuration as Anyreach's JSON: schedule (default_timezone, default_windows, overrides, scheduled_windows, scheduled_overrides; a window is days mon…sun with start and end as HH:MM, and may cross midnight), dialing policy (the retry limit, default_country_code) and the agent with its version. Anyreach's reference does not give every JSON name (the retry limit's, the agent's) nor whether the parts are nested, so the body is passed as written; time zones and windows are checked before sending.";

export const configurationCreateProperty: INodeProperties = {
	displayName: 'Configuration (JSON)',
	name: 'configuration',
	type: 'json',
	required: true,
	default: EXAMPLE,
	description: DESCRIPTION,
};

export const configurationUpdateProperty: INodeProperties = {
	displayName: 'Configuration (JSON)',
	name: 'configuration',
	type: 'json',
	required: true,
	default: '{}',
	description:
		"Only the fields to change, as Anyreach's JSON (see Create). Anyreach's reference does not give every JSON name nor whether the parts are nested, so the body is passed as written; time zones and windows are checked before sending.",
};
