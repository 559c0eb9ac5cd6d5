import { config } from '@n8n/node-cli/eslint';

// n8n's community-node rules are for the code that ships (nodes/, credentials/, package.json).
// Tests, simulators and dev scripts never ship and legitimately use process, timers and paths.
export default [{ ignores: ['test/**', 'scripts/**', 'examples/**', '.ci/**', '.cache/**'] }, ...config];
