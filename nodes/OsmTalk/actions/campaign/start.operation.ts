import { lifecycleOperation } from './lifecycle';

export const { description, execute } = lifecycleOperation('start');
