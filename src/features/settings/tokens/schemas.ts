import { z } from 'zod';
import { optionalId, requiredText } from '../../../lib/validation.js';

/** A new API token: whose it is and a label saying what uses it. */
export const newTokenSchema = z.object({
  userId: optionalId().refine((v) => v !== null, { error: 'validation.required' }),
  name: requiredText(100),
});
