export * from './audit.js';
export * from './classification.js';
export * from './interactions.js';
export * from './register.js';
export * from './sales.js';
export * from './search.js';
export * from './staff.js';
export * from './workspace.js';
