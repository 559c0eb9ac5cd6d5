/**
 * Runs a workflow whose start node is one of this package's webhook triggers, the way n8n's
 * webhook server does, on a real HTTP listener on 127.0.0.1: tests POST real HTTP requests with
 * real headers and bodies, and get back the status and body answered and whether the workflow
 * ran, with what output.
 *
 * What it reproduces of n8n (packages/cli webhooks + middlewares/body-parser):
 * - the request keeps its body bytes as `req.rawBody` (with `req.readRawBody()`), and a JSON
 *   body is parsed into `req.body`; `req.contentType`, `req.encoding`, `req.query`, `req.params`;
 * - the trigger's `webhook()` runs in n8n-core's WebhookContext with `httpRequest` /
 *   `httpResponse` in the additional data;
 * - `noWebhookResponse` means the node answered itself; no `workflowData` means "answer
 *   `webhookResponse` (or n8n's default message) and start nothing"; otherwise the workflow
 *   starts from the trigger's output through n8n-core's WorkflowExecute and, as the nodes use
 *   responseMode `onReceived`, the request is answered at once (200; empty with responseData "noData");
 * - a `webhook()` that throws gets a 500 and starts nothing;
 * - activation runs the node's `webhookMethods` (checkExists, then create when it answers
 *   false) in n8n-core's HookContext; deactivation runs delete;
 * - the workflow's static data lives in a stand-in for n8n's database. Production URL (n8n 2.41.1
 *   LiveWebhooks.executeWebhook): every request builds the workflow afresh from the saved static
 *   data (the workflow row is loaded for each call), and after a `webhook()` that returned, static
 *   data it changed (n8n-workflow's ObservableObject sets `__dataChanged`) is saved back (the
 *   response callback calls WorkflowStaticDataService.saveStaticData). Test URL (TestWebhooks):
 *   the workflow is built with empty static data (`toWorkflow` passes `staticData: {}`) and nothing
 *   is saved. A test therefore sees across deliveries only what n8n would have persisted.
 * The workflow is `Trigger → Record`, where Record is a test node that passes its input on, so a
 * test sees that the workflow really continued past the trigger.
 */
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
	type IConnections,
} from 'n8n-workflow';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { PACKAGE_NAME, TestCredentialsHelper, loadPackage, testAdditionalData } from './engine';

export const TRIGGER_NAME = 'Trigger';
export const RECORD_NAME = 'Record';
const WORKFLOW_ID = 'trigger-test-workflow';

/** Test node after the trigger: outputs the items it receives. */
class RecordItems implements INodeType {
	description = {
		displayName: 'Record Items',
		name: 'recordItems',
		group: ['transform'],
		version: 1,
		description: 'Test-only node that passes its input on',
		defaults: { name: 'Record Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface TriggerUnderTest {
	/** Node type without the package prefix, e.g. `osmTalkTrigger`. */
	type: string;
	parameters: IDataObject;
	/** Credential type name → display name; the data comes from `TriggerOptions.credentials`. */
	credentials: Record<string, string>;
}

export interface TriggerOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** `webhook` (production URL, the default) or `manual` (test URL in the editor). */
	mode?: Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;
	/** The workflow's static data in n8n's database before the first delivery. */
	staticData?: IDataObject;
}

export interface Delivery {
	/** HTTP status the trigger answered. */
	status: number;
	/** Response body as text, and parsed when it is JSON. */
	text: string;
	json: unknown;
	/** Whether a workflow execution was started by this request. */
	started: boolean;
	/** The finished execution, when one started. */
	run?: IRun;
	/** Output of the trigger node (first output) and of the node after it, when it ran. */
	triggerOutput: INodeExecutionData[];
	recordOutput: INodeExecutionData[];
	/** Error thrown by the node's webhook() method, if any. */
	webhookError?: Error;
}

interface DeliveryRecord {
	runPromise?: Promise<IRun>;
	webhookError?: Error;
}

export interface RunningTrigger {
	/** The URL to POST events to (what the user would paste into the provider). */
	url: string;
	/** POSTs `body` with `headers` as real HTTP and waits for the answer and any run it started. */
	post(body: string | Buffer, headers?: Record<string, string>): Promise<Delivery>;
	/** Runs the node's webhookMethods as n8n does when the workflow is activated. */
	activate(): Promise<void>;
	deactivate(): Promise<void>;
	/** Every execution started so far. */
	runCount(): number;
	/** The workflow's static data as n8n would have saved it in its database (parsed JSON). */
	savedStaticData(): IDataObject;
	close(): Promise<void>;
}

const DELIVERY_HEADER = 'x-test-delivery';

function baseAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return testAdditionalData(credentialsHelper, hooks, 'trigger-test-execution');
}

function answer(res: http.ServerResponse, status: number, data: unknown): void {
	if (res.headersSent) return;
	if (data === undefined) {
		res.writeHead(status);
		res.end();
		return;
	}
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(data));
}

/** Starts the trigger's workflow behind an HTTP listener on 127.0.0.1 (a free port). */
export async function startTrigger(trigger: TriggerUnderTest, options: TriggerOptions): Promise<RunningTrigger> {
	const loaded = await loadPackage();
	const recordType = new RecordItems();
	const nodeTypes: INodeTypes = {
		getByName: (type) => (type === 'test.recordItems' ? recordType : loaded.nodeTypes.getByName(type)),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
		getKnownTypes: () => ({}),
	};
	const mode = options.mode ?? 'webhook';
	const fullType = `${PACKAGE_NAME}.${trigger.type}`;
	const nodeType = nodeTypes.getByNameAndVersion(fullType, 1);
	const webhookDescription = nodeType.description.webhooks?.[0];
	if (!nodeType.webhook || !webhookDescription) throw new Error(`${fullType} is not a webhook node`);
	const webhookId = `hook-${trigger.type}`;

	const nodes: INode[] = [
		{
			id: 'trigger',
			name: TRIGGER_NAME,
			type: fullType,
			typeVersion: 1,
			position: [0, 0],
			webhookId,
			parameters: trigger.parameters as INode['parameters'],
			credentials: Object.fromEntries(
				Object.entries(trigger.credentials).map(([type, name]) => [type, { id: type, name }]),
			),
		},
		{
			id: 'record',
			name: RECORD_NAME,
			type: 'test.recordItems',
			typeVersion: 1,
			position: [200, 0],
			parameters: {},
		},
	];
	const connections: IConnections = {
		[TRIGGER_NAME]: { main: [[{ node: RECORD_NAME, type: 'main', index: 0 }]] },
	};
	// n8n's database row for the workflow's static data, as JSON (what the database keeps).
	let savedStaticData = JSON.stringify(options.staticData ?? {});
	const loadWorkflow = () =>
		new Workflow({
			id: WORKFLOW_ID,
			name: 'trigger test',
			nodes,
			connections,
			nodeTypes,
			active: mode === 'webhook',
			settings: { executionOrder: 'v1' },
			staticData: mode === 'manual' ? {} : (JSON.parse(savedStaticData) as IDataObject),
		});
	const saveStaticDataIfChanged = (workflow: Workflow) => {
		if (mode !== 'manual' && workflow.staticData.__dataChanged === true) savedStaticData = JSON.stringify(workflow.staticData);
	};
	const credentialsHelper = new TestCredentialsHelper(loaded.credentialTypes, options.credentials);

	const webhookPath = `/${mode === 'manual' ? 'webhook-test' : 'webhook'}/${webhookId}/${webhookDescription.path as string}`;
	const webhookData = (additionalData: IWorkflowExecuteAdditionalData): IWebhookData => ({
		httpMethod: 'POST',
		node: TRIGGER_NAME,
		path: `${webhookId}/${webhookDescription.path as string}`,
		webhookDescription,
		workflowId: WORKFLOW_ID,
		workflowExecuteAdditionalData: additionalData,
		webhookId,
		isTest: mode === 'manual',
	});

	const deliveries = new Map<string, DeliveryRecord>();
	let runs = 0;

	const startRun = (workflow: Workflow, workflowData: INodeExecutionData[][]): Promise<IRun> => {
		const triggerNode = workflow.getNode(TRIGGER_NAME)!;
		runs++;
		const executionId = `trigger-run-${runs}`;
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: WORKFLOW_ID,
			name: 'trigger test',
			active: mode === 'webhook',
			activeVersionId: null,
			isArchived: false,
			nodes,
			connections,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		const finished = new Promise<IRun>((resolve) => {
			hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolve(fullRunData));
		});
		const additionalData = baseAdditionalData(credentialsHelper, hooks);
		additionalData.executionId = executionId;
		// As n8n's prepareExecutionData: the trigger's output is the first stack entry.
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: triggerNode, data: { main: workflowData }, source: null }],
			},
		});
		const execute = new WorkflowExecute(additionalData, mode, runExecutionData);
		return Promise.all([execute.processRunExecutionData(workflow), finished]).then(([, run]) => run);
	};

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse, record: DeliveryRecord) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);

		// What n8n's rawBodyReader + parseBody leave on the request.
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const request = req as http.IncomingMessage & IDataObject;
		request.rawBody = rawBody;
		request.readRawBody = async () => {};
		request._body = true;
		request.contentType = contentType;
		request.encoding = 'utf-8';
		request.params = {};
		request.query = Object.fromEntries(url.searchParams);
		request.body = {};
		if (contentType === 'application/json' && rawBody.length > 0) {
			try {
				request.body = JSON.parse(rawBody.toString('utf8'));
			} catch (error) {
				answer(res, 422, { code: 422, message: 'Failed to parse request body', hint: (error as Error).message });
				return;
			}
		}

		const workflow = loadWorkflow();
		const triggerNode = workflow.getNode(TRIGGER_NAME)!;
		const additionalData = baseAdditionalData(credentialsHelper);
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = res as never;
		const context = new WebhookContext(workflow, triggerNode, additionalData, mode, webhookData(additionalData), [], null);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			record.webhookError = error as Error;
			answer(res, 500, { code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		saveStaticDataIfChanged(workflow);

		if (result.noWebhookResponse === true) {
			if (!res.headersSent) throw new Error('The node claimed to have answered the request but did not');
			if (result.workflowData === undefined) return;
		}
		if (result.workflowData === undefined) {
			answer(res, 200, result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' });
			return;
		}
		record.runPromise = startRun(workflow, result.workflowData);
		// As n8n: with responseData "noData" the provider gets an empty 200 (checked in real n8n by npm run e2e).
		const started = webhookDescription.responseData === 'noData' ? undefined : { message: 'Workflow was started' };
		answer(res, 200, result.webhookResponse !== undefined ? result.webhookResponse : started);
	};

	const server = http.createServer((req, res) => {
		const id = String(req.headers[DELIVERY_HEADER] ?? '');
		const record: DeliveryRecord = {};
		deliveries.set(id, record);
		const path = (req.url ?? '').split('?')[0];
		if (req.method !== 'POST' || path !== webhookPath) {
			req.resume();
			answer(res, 404, { code: 404, message: `The requested webhook "${req.method} ${path}" is not registered.` });
			return;
		}
		handle(req, res, record).catch((error: Error) => {
			record.webhookError = error;
			answer(res, 500, { code: 0, message: error.message });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}${webhookPath}`;
	let counter = 0;

	const hookContext = (activation: 'activate' | 'manual') => {
		const additionalData = baseAdditionalData(credentialsHelper);
		const workflow = loadWorkflow();
		return new HookContext(workflow, workflow.getNode(TRIGGER_NAME)!, additionalData, mode, activation, webhookData(additionalData));
	};
	const methods = () => {
		const group = nodeType.webhookMethods?.default;
		if (!group?.checkExists || !group.create || !group.delete) throw new Error(`${fullType} has no complete webhookMethods.default`);
		return group as Required<typeof group>;
	};

	return {
		url,
		async post(body, headers = {}) {
			const id = String(++counter);
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers, [DELIVERY_HEADER]: id },
				body,
			});
			const text = await response.text();
			let json: unknown;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			const record = deliveries.get(id) ?? {};
			const run = record.runPromise ? await record.runPromise : undefined;
			const runData = run?.data.resultData.runData;
			return {
				status: response.status,
				text,
				json,
				started: record.runPromise !== undefined,
				run,
				triggerOutput: runData?.[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? [],
				recordOutput: runData?.[RECORD_NAME]?.[0]?.data?.main?.[0] ?? [],
				webhookError: record.webhookError,
			};
		},
		async activate() {
			const context = hookContext(mode === 'manual' ? 'manual' : 'activate');
			const { checkExists, create } = methods();
			if (!(await checkExists.call(context))) await create.call(context);
		},
		async deactivate() {
			await methods().delete.call(hookContext('activate'));
		},
		runCount: () => runs,
		savedStaticData: () => JSON.parse(savedStaticData) as IDataObject,
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	};
}
