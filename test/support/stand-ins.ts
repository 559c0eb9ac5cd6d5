/**
 * Minimal stand-ins for the few n8n-nodes-base nodes the example workflows start with, so that an
 * example can run in-process in n8n's engine (n8n-nodes-base itself is too large to install as a
 * dev dependency). They do only what the examples use; `npm run e2e` runs the same workflows in
 * the real n8n application with the real nodes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

function trigger(name: string, displayName: string): INodeType {
	return {
		description: {
			displayName,
			name,
			group: ['trigger'],
			version: [1, 1.1, 1.2, 1.3],
			description: `Stand-in for n8n's ${displayName}`,
			defaults: { name: displayName },
			inputs: [],
			outputs: ['main'],
			properties: [],
		},
		async execute(): Promise<INodeExecutionData[][]> {
			return [[{ json: {} }]];
		},
	} as unknown as INodeType;
}

/**
 * The file a stand-in Form Trigger hands on as if a user had uploaded it, by node name (the demo
 * plays the user's upload of the example CSV).
 */
export const formUploads = new Map<string, string>();

/** Form Trigger with one file field: the uploaded file in the binary property n8n names after the field's label. */
const formTrigger = {
	description: {
		displayName: 'n8n Form Trigger',
		name: 'formTrigger',
		group: ['trigger'],
		version: [2, 2.1, 2.2],
		description: "Stand-in for n8n's Form Trigger (one file upload)",
		defaults: { name: 'On form submission' },
		inputs: [],
		outputs: ['main'],
		properties: [
			{ displayName: 'Form Title', name: 'formTitle', type: 'string', default: '' },
			{ displayName: 'Form Description', name: 'formDescription', type: 'string', default: '' },
			{ displayName: 'Form Fields', name: 'formFields', type: 'json', default: {} },
			{ displayName: 'Options', name: 'options', type: 'json', default: {} },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const file = formUploads.get(this.getNode().name);
		if (!file) throw new Error(`No upload given to the stand-in Form Trigger "${this.getNode().name}"`);
		const fields = (this.getNode().parameters.formFields as { values?: Array<{ fieldLabel: string; fieldType?: string }> }).values ?? [];
		const field = fields.find((candidate) => candidate.fieldType === 'file');
		if (!field) throw new Error(`The Form Trigger "${this.getNode().name}" has no file field`);
		const fileName = path.basename(file);
		// n8n names the binary property after the field's label, non-word characters as "_".
		const property = field.fieldLabel.replace(/\W/g, '_');
		const binary = { data: fs.readFileSync(file).toString('base64'), mimeType: 'text/csv', fileName, fileExtension: path.extname(fileName).slice(1) };
		return [[{ json: { [field.fieldLabel]: { filename: fileName, mimetype: 'text/csv' }, formMode: 'production' }, binary: { [property]: binary } }]];
	},
} as unknown as INodeType;

export const standInNodeTypes: Record<string, INodeType> = {
	'n8n-nodes-base.formTrigger': formTrigger,
	'n8n-nodes-base.manualTrigger': trigger('manualTrigger', 'Manual Trigger'),
	'n8n-nodes-base.scheduleTrigger': trigger('scheduleTrigger', 'Schedule Trigger'),
};
