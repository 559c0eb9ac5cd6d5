import { transitionOperation } from './common';

export const { description, execute } = transitionOperation('pause');
