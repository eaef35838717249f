import { z } from 'zod';
import { requiredText } from '../../lib/validation.js';

export const passwordField = () =>
  z
    .string({ error: 'validation.password' })
    .min(10, { error: 'validation.password' })
    .max(200, { error: 'validation.tooLong' });

export const newUserSchema = z
  .object({
    username: requiredText(50).pipe(
      z.string().regex(/^[\p{L}\p{N}._-]{2,50}$/u, { error: 'validation.username' }),
    ),
    displayName: requiredText(100),
    password: passwordField(),
    passwordAgain: z.string().optional(),
    role: z.enum(['admin', 'staff', 'readonly']),
    language: z.enum(['fi', 'en']).default('fi'),
  })
  .refine((v) => v.passwordAgain === undefined || v.passwordAgain === v.password, {
    error: 'validation.passwordMatch',
    path: ['passwordAgain'],
  });
