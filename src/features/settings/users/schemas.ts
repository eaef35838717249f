import { z } from 'zod';
import { optionalEmail, requiredText } from '../../../lib/validation.js';
import { passwordField } from '../../auth/schemas.js';
import { checkbox } from '../form.js';

/** What the new-user form adds to the auth feature's `newUserSchema`. */
export const userEmailSchema = z.object({ email: optionalEmail() });

/** Editing a staff user: everything but the username and password. */
export const editUserSchema = z.object({
  displayName: requiredText(100),
  email: optionalEmail(),
  role: z.enum(['admin', 'staff', 'readonly'], { error: 'validation.invalid' }),
  language: z.enum(['fi', 'en'], { error: 'validation.invalid' }),
  active: z.unknown().optional().transform(checkbox),
});

export type EditUserInput = z.output<typeof editUserSchema>;

/** A new password, typed twice. */
export const passwordSchema = z
  .object({ password: passwordField(), passwordAgain: z.string().default('') })
  .refine((v) => v.passwordAgain === v.password, {
    error: 'validation.passwordMatch',
    path: ['passwordAgain'],
  });
