// Shapes shared by the server and the web client: request and response schemas (zod) and their types.
// One schema gives validation on the server, types in both, and the OpenAPI document.
export * from './audit.ts';
export * from './chat.ts';
export * from './errors.ts';
export * from './escalations.ts';
export * from './guidance.ts';
export * from './hotline.ts';
export * from './hotline-analysis.ts';
export * from './identity.ts';
export * from './media.ts';
export * from './outbox.ts';
export * from './partners.ts';
export * from './records.ts';
export * from './settings.ts';
