/**
 * Runs workflows through n8n's own engine (n8n-core's WorkflowExecute) with this package's built
 * nodes and credentials, loaded from dist/ by n8n-core's PackageDirectoryLoader as n8n loads a
 * community package. n8n's NodeTestHarness is not published, so this is the small equivalent.
 */
import { ExecutionLifecycleHooks, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type INodeCredentialsDetails,
	type IHttpRequestHelper,
} from 'n8n-workflow';
import * as fs from 'node:fs';
import { initDeduplicationStore } from './dedup-store';
import { standInNodeTypes } from './stand-ins';
import * as path from 'node:path';

export const PACKAGE_DIR = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-voice-campaigns';

/** Input items for the start node, kept out of node parameters so 100,000 items cost nothing. */
const fixtures = new Map<string, INodeExecutionData[]>();
let fixtureCounter = 0;

/** The workflow's start node: outputs the items registered under its `fixture` parameter. */
class FixtureItems implements INodeType {
	description = {
		displayName: 'Fixture Items',
		name: 'fixtureItems',
		group: ['trigger'],
		version: 1,
		description: 'Test-only start node',
		defaults: { name: 'Fixture Items' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Fixture', name: 'fixture', type: 'string', default: '' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const id = this.getNodeParameter('fixture', 0) as string;
		return [fixtures.get(id) ?? [{ json: {} }]];
	}
}

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	nodeNames: string[];
}

let loaded: Promise<LoadedPackage> | undefined;

/** Loads dist/ once per test file, the way n8n loads an installed community package. */
export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		await initDeduplicationStore();
		if (!fs.existsSync(path.join(PACKAGE_DIR, 'dist'))) {
			throw new Error('dist/ is missing: run `npm run build` (npm test does) before the node tests');
		}
		const loader = new PackageDirectoryLoader(PACKAGE_DIR);
		await loader.loadAll();
		const types: Record<string, INodeType | IVersionedNodeType> = {};
		for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
			types[`${PACKAGE_NAME}.${name}`] = type;
		}
		types['test.fixtureItems'] = new FixtureItems();
		Object.assign(types, standInNodeTypes);
		const credentialTypes: Record<string, ICredentialType> = {};
		for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
			credentialTypes[name] = type;
		}
		const nodeTypes: INodeTypes = {
			getByName: (type) => {
				const found = types[type];
				if (!found) throw new Error(`Unknown node type ${type}`);
				return found;
			},
			getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypes.getByName(type), version),
			getKnownTypes: () => ({}),
		};
		return { nodeTypes, credentialTypes, nodeNames: Object.keys(loader.nodeTypes) };
	})();
	return loaded;
}

/**
 * Resolves a credential type's `authenticate` the way n8n's CLI does: generic authenticate
 * properties are n8n expressions over `$credentials`, evaluated by n8n-workflow's expression engine.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.credentialTypes[typeName];
		const auth = type?.authenticate;
		if (!auth) return requestOptions;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		const resolve = (value: unknown): unknown => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(node, value, 'internal', {
				$credentials: credentials,
			} as never, undefined, '');
		};
		const result = { ...requestOptions };
		for (const part of ['headers', 'qs', 'body'] as const) {
			const extra = auth.properties[part] as IDataObject | undefined;
			if (!extra) continue;
			const target = { ...((result[part] as IDataObject | undefined) ?? {}) };
			for (const [key, value] of Object.entries(extra)) target[key] = resolve(value) as string;
			(result as IDataObject)[part] = target;
		}
		return result;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.credentials[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getOAuth2Options() {
		return undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface NodeUnderTest {
	/** Node type without the package prefix, e.g. `osvi`. */
	type: string;
	parameters: IDataObject;
	/** Credential type name → display name; the data comes from `RunOptions.credentials`. */
	credentials?: Record<string, string>;
	continueOnFail?: boolean;
	typeVersion?: number;
}

export interface RunOptions {
	items?: INodeExecutionData[];
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * The workflow's id. n8n keeps a node's de-duplication record per workflow, so runs that share
	 * an id see each other's records (a re-run); by default every run is a workflow of its own.
	 */
	workflowId?: string;
}

let workflowCounter = 0;

export interface RunResult {
	run: IRun;
	/** Output items of the node under test (first output), or [] when it failed. */
	output: INodeExecutionData[];
	/** The error the node under test failed with, if any. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	/** The execution hints the node under test added (n8n shows them above its output). */
	hints?: Array<{ message: string; type?: string }>;
}

const NODE_NAME = 'Node Under Test';

/** Runs `fixture items → node` through n8n's WorkflowExecute and returns the node's output. */
export async function runNode(node: NodeUnderTest, options: RunOptions = {}): Promise<RunResult> {
	const fixtureId = `fixture-${++fixtureCounter}`;
	fixtures.set(fixtureId, options.items ?? [{ json: {} }]);

	const nodes: INode[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'test.fixtureItems',
			typeVersion: 1,
			position: [0, 0],
			parameters: { fixture: fixtureId },
		},
		{
			id: 'under-test',
			name: NODE_NAME,
			type: `${PACKAGE_NAME}.${node.type}`,
			typeVersion: node.typeVersion ?? 1,
			position: [200, 0],
			parameters: node.parameters as INode['parameters'],
			credentials: Object.fromEntries(
				Object.entries(node.credentials ?? {}).map(([type, name]) => [type, { id: type, name }]),
			),
			...(node.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const connections: IConnections = {
		Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
	};
	const workflowId = options.workflowId ?? `test-workflow-${++workflowCounter}`;
	const run = await executeWorkflow(nodes, connections, 'Start', options.credentials ?? {}, workflowId);
	fixtures.delete(fixtureId);

	const startError = run.data.resultData.runData.Start?.[0]?.error;
	if (startError) throw new Error(`The test harness's start node failed: ${startError.message}`);
	const taskData = run.data.resultData.runData[NODE_NAME]?.[0];
	const output = taskData?.data?.main?.[0] ?? [];
	return { run, output, error: taskData?.error as RunResult['error'], hints: taskData?.hints as RunResult['hints'] };
}

/**
 * What n8n's CLI hands the engine for one execution, reduced to what these in-process runs use:
 * credentials, lifecycle hooks and instance URLs (calling out to other workflows is not available).
 */
export function testAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	executionId = 'test-execution',
): IWorkflowExecuteAdditionalData {
	const notAvailable = () => {
		throw new Error('not available in the test engine');
	};
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		executeWorkflow: notAvailable,
		getRunExecutionData: notAvailable,
		getRuntimeCredential: notAvailable,
		logAiEvent: () => {},
		startRunnerTask: notAvailable,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a workflow from `startNode` through n8n-core's WorkflowExecute, as n8n runs a manual execution. */
export async function executeWorkflow(
	nodes: INode[],
	connections: IConnections,
	startNode: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	workflowId = 'test-workflow',
): Promise<IRun> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		id: workflowId,
		name: 'test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: workflowId,
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes,
		connections,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let workflowFinished!: (run: IRun) => void;
	const finished = new Promise<IRun>((resolve) => (workflowFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => workflowFinished(fullRunData));

	const additionalData = testAdditionalData(new TestCredentialsHelper(credentialTypes, credentials), hooks);

	const execute = new WorkflowExecute(additionalData, 'manual');
	const run = await execute.run({ workflow, startNode: workflow.getNode(startNode)! });
	await finished;
	return run;

}

export interface WorkflowFile {
	name?: string;
	nodes: INode[];
	connections: IConnections;
}

/**
 * Runs a workflow file (as exported from n8n, e.g. from examples/) in n8n's engine, starting at
 * its manual trigger. Credentials are given by credential type; the file's references are by name.
 */
export async function runWorkflow(
	workflow: WorkflowFile,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<IRun> {
	const start = workflow.nodes.find((node) => ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.formTrigger'].includes(node.type));
	if (!start) throw new Error(`${workflow.name ?? 'The workflow'} has no manual or form trigger to start from`);
	return await executeWorkflow(workflow.nodes, workflow.connections, start.name, credentials);
}

/** Shorthand: an n8n item holding a CSV file in binary property `property`. */
export function csvItem(csv: string | Buffer, property = 'data', fileName = 'contacts.csv'): INodeExecutionData {
	const buffer = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
	return {
		json: { fileName },
		binary: {
			[property]: {
				data: buffer.toString('base64'),
				mimeType: 'text/csv',
				fileName,
				fileExtension: 'csv',
			},
		},
	};
}
