// Shapes shared by the server and the web client: request and response schemas (zod) and their types.
// One schema gives validation on the server, types in both, and the OpenAPI document.
export * from './audit.ts';
export * from './chat.ts';
export * from './errors.ts';
export * from './identity.ts';
export * from './settings.ts';
