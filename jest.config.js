/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	testTimeout: 60000,
	setupFiles: ['<rootDir>/test/support/setup-env.js'],
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	// Node tests start HTTP simulators and n8n engines; two workers fit a 2-core machine.
	maxWorkers: 2,
};
