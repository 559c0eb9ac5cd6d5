import {
	NodeOperationError,
	randomString,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from '../../../shared/items';
import { unreadableAnswerError } from '../../../shared/transport/errors';
import { campaignProperties } from '../../descriptions/campaign';
import { campaignFields } from '../../helpers/campaignFields';
import {
	KIND_MIME,
	base64Bytes,
	csvHeader,
	fileKind,
	multipartBody,
	multipartOverhead,
	payloadTooLarge,
} from '../../helpers/contactsFile';
import { VOICEGENIE_MAX_PAYLOAD_BYTES, refusalAsFailure, voiceGenieClient } from '../../transport';

const properties: INodeProperties[] = [
	...campaignProperties,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'Name of the binary property with the CSV or Excel (.xlsx, .xls) file; it needs a column named exactly phone_number, every other column becomes a call variable',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: voiceGenieClient.options(),
	},
];

const displayOptions = { show: { resource: ['campaign'], operation: ['uploadFile'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	return await forEachItem.call(this, async (itemIndex) => {
		const parameters = {
			campaignName: this.getNodeParameter('campaignName', itemIndex, ''),
			scriptId: this.getNodeParameter('scriptId', itemIndex, ''),
			scheduleTime: this.getNodeParameter('scheduleTime', itemIndex, ''),
		};
		const fields: IDataObject = { ...campaignFields(this, parameters, itemIndex) };
		const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		const binary = items[itemIndex].binary?.[property];
		if (!binary) {
			const available = Object.keys(items[itemIndex].binary ?? {});
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no binary property "${property}"`, {
				itemIndex,
				description: available.length
					? `Its binary properties are: ${available.join(', ')}. Set Input Binary Field to one of them.`
					: 'It has no binary data. Read the file first, e.g. with Read/Write Files from Disk or HTTP Request.',
			});
		}
		const kind = fileKind(binary);
		if (!kind) {
			throw new NodeOperationError(
				this.getNode(),
				`Item ${itemIndex}: "${binary.fileName ?? property}" is not a CSV or Excel file (${binary.mimeType || 'no MIME type'})`,
				{ itemIndex, description: 'VoiceGenie takes .csv, .xlsx or .xls files.' },
			);
		}
		const fileName = binary.fileName ?? `contacts.${kind}`;

		// The size is known before the file is read: from the binary store, or from the base64 length.
		const declared = binary.id ? Number((await this.helpers.getBinaryMetadata(binary.id)).fileSize) : base64Bytes(binary.data ?? '');
		const tooLarge = payloadTooLarge(declared + multipartOverhead(fields, fileName), VOICEGENIE_MAX_PAYLOAD_BYTES);
		if (tooLarge) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${fileName}" was not sent: ${tooLarge}`, {
				itemIndex,
				description: 'Split the file into smaller files, or send the contacts with Create or Update with Contacts (batches of 1,000).',
			});
		}
		const data = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		if (data.length === 0) throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${fileName}" is empty`, { itemIndex });
		if (kind === 'csv') {
			const columns = csvHeader(data.subarray(0, 64 * 1024).toString('utf8'));
			if (!columns.includes('phone_number')) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "${fileName}" has no column named phone_number`, {
					itemIndex,
					description: `VoiceGenie needs a column named exactly phone_number. The file's columns are: ${columns.join(', ')}.`,
				});
			}
		}

		const boundary = `----n8nVoiceGenie${randomString(24)}`;
		const body = multipartBody(fields, { name: fileName, contentType: KIND_MIME[kind], data }, boundary);
		const session = await voiceGenieClient.session(this);
		const extra = { itemIndex, doing: `uploading "${fileName}"` };
		const result = refusalAsFailure(
			await session.send({
				method: 'POST',
				path: '/uploadCampaignData',
				body,
				headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
			}),
		);
		if (!result.ok || result.response.statusCode >= 300) throw session.error(result, extra);
		// Only `success: true` with a count confirms the upload; any other 2xx may or may not have stored it.
		const answer = result.response.body as IDataObject | null;
		const uploaded = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer.data as IDataObject | undefined) : undefined;
		if (answer?.success !== true || !uploaded || typeof uploaded !== 'object' || typeof uploaded.uploaded_count !== 'number') {
			throw unreadableAnswerError(this.getNode(), session.provider, result.response, extra);
		}
		return {
			campaign_name: fields.campaign_name,
			file_name: fileName,
			file_bytes: data.length,
			...uploaded,
			message: answer.message ?? null,
		};
	});
}
