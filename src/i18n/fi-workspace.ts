/** Finnish texts of the workspace feature, spread into `fi.ts`. */
export const workspaceFi = {} as const;
