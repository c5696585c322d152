export * from './values.js';
export * from './enums.js';
export * from './accounts.js';
export * from './meetings.js';
export * from './registrations.js';
export * from './sessions.js';
export * from './platform.js';
export * from './agenda.js';
