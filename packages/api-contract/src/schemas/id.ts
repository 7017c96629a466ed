import { z } from 'zod';
import { shown } from './shown.js';

/** A database id: a positive 32-bit integer. */
export const id = () =>
  z
    .number({ error: (issue) => `must be a positive integer id, got ${shown(issue.input)}` })
    .int({ error: 'must be a positive integer id' })
    .positive({ error: 'must be a positive integer id' })
    .max(2_147_483_647, { error: 'is out of range' });
