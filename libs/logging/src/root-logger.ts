import type { Logger } from 'pino';

/** Injection token of the process's pino logger: every log line, Nest's and each request's, goes through it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export type RootLogger = Logger;
