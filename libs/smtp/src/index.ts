export * from './outbound-host-guard';
export * from './smtp-connection.types';
export * from './smtp-error';
export * from './smtp-failure';
export * from './smtp-hints';
export * from './smtp-probe';
export * from './smtp-probe.types';
export * from './smtp-transport-pool';
