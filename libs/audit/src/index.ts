// The append-only audit log: who did what, in a workspace or at the operator level.
export * from './audit-actions';
export * from './audit-actor';
export * from './audit-events.repository';
export * from './audit-log.service';
export * from './audit.module';
export * from './given-fields';
