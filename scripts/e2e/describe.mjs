// The package's nodes as the built files in dist/ describe them: for each node listed in
// package.json's "n8n" section, its description and the resource/operation pairs it offers.
import { createRequire } from 'node:module';
import path from 'node:path';

import { ROOT, packageManifest } from './lib.mjs';

const require = createRequire(path.join(ROOT, 'package.json'));

function loadDescription(file) {
	const exported = require(path.join(ROOT, file));
	const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
	if (!NodeClass) throw new Error(`${file} exports no node class`);
	const instance = new NodeClass();
	// A versioned node: the description of its default version.
	if (instance.nodeVersions) {
		const version = instance.description.defaultVersion ?? Math.max(...Object.keys(instance.nodeVersions).map(Number));
		return { ...instance.description, ...instance.nodeVersions[version].description };
	}
	return instance.description;
}

const shown = (property, values) =>
	Object.entries(property.displayOptions?.show ?? {}).every(([key, allowed]) => !(key in values) || allowed.includes(values[key]));

const optionsOf = (property) => (property?.options ?? []).map((option) => ({ name: option.name, value: option.value, action: option.action }));

/** The resource/operation pairs a node shows, in the order of its description. */
export function operationsOf(description) {
	const properties = description.properties ?? [];
	const resource = properties.find((p) => p.name === 'resource' && p.type === 'options');
	const resources = resource ? optionsOf(resource) : [undefined];
	const pairs = [];
	for (const res of resources) {
		const values = res ? { resource: res.value } : {};
		const operation = properties.find((p) => p.name === 'operation' && p.type === 'options' && shown(p, values));
		const operations = operation ? optionsOf(operation) : [undefined];
		for (const op of operations) pairs.push({ resource: res, operation: op });
	}
	return pairs;
}

export function packageNodes() {
	const manifest = packageManifest();
	return manifest.nodes.map((file) => {
		const description = loadDescription(file);
		return {
			file,
			name: description.name,
			type: `${manifest.name}.${description.name}`,
			displayName: description.displayName,
			isTrigger: (description.group ?? []).includes('trigger'),
			credentials: (description.credentials ?? []).map((c) => c.name),
			operations: operationsOf(description),
			description,
		};
	});
}

export function packageCredentialTypes() {
	return packageManifest().credentials.map((file) => {
		const exported = require(path.join(ROOT, file));
		const CredentialClass = Object.values(exported).find((value) => typeof value === 'function');
		const instance = new CredentialClass();
		return { file, name: instance.name, displayName: instance.displayName };
	});
}
