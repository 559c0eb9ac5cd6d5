/**
 * What the n8n editor asks of a node besides running it, done here the way n8n's server does it,
 * with this package's built dist/ and n8n-core:
 * - `credentialTest`: n8n's credential test (packages/cli credentials-tester.service.ts,
 *   runRequestTest): the credential's `test` request runs through n8n-core's RoutingNode as the
 *   routing of a temporary node, and a failed request is judged by the test's `rules`;
 * - `listSearch`: a resource locator's From List, through n8n-core's LoadOptionsContext.
 */
import { ExecuteContext, LoadOptionsContext, RoutingNode } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	createEmptyRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type INode,
	type INodeCredentialTestResult,
	type INodeListSearchResult,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { PACKAGE_NAME, TestCredentialsHelper, loadPackage, testAdditionalData } from './engine';

/** n8n's verdict on a credential, as the editor shows it ("Connection successful!" or the error). */
export async function credentialTest(credentialType: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const { credentialTypes } = await loadPackage();
	const type = credentialTypes[credentialType];
	if (!type?.test) throw new Error(`${credentialType} has no test request`);
	const test = type.test as ICredentialTestRequest;
	const probe = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => probe,
		getByNameAndVersion: () => probe,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType]: { id: 'credential-under-test', name: 'Credential under test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = testAdditionalData(new TestCredentialsHelper(credentialTypes, { [credentialType]: data }));
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createEmptyRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	const routingNode = new RoutingNode(context, probe, { id: 'credential-under-test', name: 'Credential under test', type: credentialType, data });
	try {
		await workflow.expression.acquireIsolate();
		await routingNode.runNode();
	} catch (caught) {
		const error = caught as { cause?: { response?: { status: number; statusText?: string }; code?: string }; message: string };
		if (error.cause?.response) {
			const { status, statusText } = error.cause.response;
			const rule = test.rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === status);
			if (rule && rule.type === 'responseCode') return { status: 'Error', message: rule.properties.message };
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message };
	} finally {
		await workflow.expression.releaseIsolate();
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** A node's From List as the editor loads it: its listSearch method with the panel's current parameters. */
export async function listSearch(
	nodeType: string,
	method: string,
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const type = NodeHelpers.getVersionedNodeType(nodeTypes.getByName(`${PACKAGE_NAME}.${nodeType}`), 1);
	const search = type.methods?.listSearch?.[method];
	if (!search) throw new Error(`${nodeType} has no listSearch method ${method}`);
	const node: INode = {
		id: 'panel',
		name: 'Panel',
		type: `${PACKAGE_NAME}.${nodeType}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: name, name }])),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { ...testAdditionalData(new TestCredentialsHelper(credentialTypes, credentials)), currentNodeParameters: parameters };
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.campaignId');
	return await search.call(context, filter, paginationToken);
}
