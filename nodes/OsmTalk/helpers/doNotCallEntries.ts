import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { normalizeToE164 } from '../../shared/contacts/phone';
import type { ProviderSession } from '../../shared/transport/client';
import { DNC_SOURCES, OSMTALK_DEFAULT_COUNTRY } from '../profile';
import { listFromAnswer } from './answerContents';

/** The item's Source, one of the documented values. */
export function sourceParameter(context: IExecuteFunctions, itemIndex: number): string {
	const source = String(context.getNodeParameter('source', itemIndex, 'api') ?? '');
	if (!DNC_SOURCES.includes(source)) {
		throw new NodeOperationError(context.getNode(), `Source "${source}" is not one of ${DNC_SOURCES.join(', ')}`, { itemIndex });
	}
	return source;
}

/** The item's phone number in E.164; a national number is read in the Default Country (India unless chosen). */
export function phoneNumberParameter(context: IExecuteFunctions, itemIndex: number): string {
	const raw = String(context.getNodeParameter('phoneNumber', itemIndex, '') ?? '');
	const { defaultCountry } = context.getNodeParameter('options', itemIndex, {}) as { defaultCountry?: string };
	const check = normalizeToE164(raw, defaultCountry ?? OSMTALK_DEFAULT_COUNTRY);
	if (!check.ok) {
		throw new NodeOperationError(context.getNode(), `Phone Number: ${check.reason}`, {
			itemIndex,
			description: 'Write the number in E.164 (e.g. +919876543210), or set Options → Default Country for national numbers.',
		});
	}
	return check.phone;
}

/** The whole Do-Not-Call list: documented without query parameters or pagination, one request returns it. */
export async function readDoNotCallList(node: INode, session: ProviderSession, itemIndex: number): Promise<IDataObject[]> {
	const doing = 'reading the Do-Not-Call list';
	const body = await session.request({ method: 'GET', path: '/api/campaigns/dnc' }, { itemIndex, doing });
	return listFromAnswer(node, body, 'entries', { doing, itemIndex });
}

/** An entry's number in E.164 (as listed when it cannot be read, so that it still matches itself). */
export function listedNumber(entry: IDataObject): string {
	const raw = String(entry.phoneNumber ?? entry.phone ?? '');
	const check = normalizeToE164(raw);
	return check.ok ? check.phone : raw;
}
