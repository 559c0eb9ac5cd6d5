import { transitionOperation } from './transitionOperation';

export const { description, execute } = transitionOperation('pause');
