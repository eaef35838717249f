export * from './audit.js';
export * from './classification.js';
export * from './register.js';
export * from './staff.js';
export * from './search.js';
