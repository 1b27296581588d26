// SMTP itself: step-by-step probes with hints, failure classes, pooled transports, reply reading and the outbound host guard.
export * from './outbound-host-guard';
export * from './smtp-connection.types';
export * from './smtp-error';
export * from './smtp-failure';
export * from './smtp-hints';
export * from './smtp-probe';
export * from './smtp-probe.types';
export * from './smtp-transport-pool';
