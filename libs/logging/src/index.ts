// Structured pino logging with secrets redacted, for HTTP requests and everything else.
export * from './logging.module';
export * from './redaction';
export * from './exit-on-startup-failure';
export * from './log-destination';
export * from './request-logging';
export * from './root-logger';
