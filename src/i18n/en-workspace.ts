import type { workspaceFi } from './fi-workspace.js';

/** English texts of the workspace feature, spread into `en.ts`. */
export const workspaceEn: Record<keyof typeof workspaceFi, string> = {};
