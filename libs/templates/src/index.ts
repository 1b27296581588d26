// Stored templates of a workspace: their immutable versions, and those versions parsed for sending.
export * from './template-resolver';
export * from './templates.module';
export * from './templates.repository';
