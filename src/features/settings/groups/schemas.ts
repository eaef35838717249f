import { z } from 'zod';
import { optionalId, requiredText } from '../../../lib/validation.js';

/** A new customer group: its name and parent (none = a top-level group). */
export const newGroupSchema = z.object({ name: requiredText(100), parentId: optionalId() });

export const renameGroupSchema = z.object({ name: requiredText(100) });

export const moveGroupSchema = z.object({ parentId: optionalId() });

/** Deleting a group; `reassignTo` receives its customers and subgroups when it has any. */
export const deleteGroupSchema = z.object({ reassignTo: optionalId() });
