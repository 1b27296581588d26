import type { IntegrationEntity } from '@app/database';

declare const shared: unique symbol;

/**
 * `T` with every property read-only, at every depth. Arrays stay arrays (of read-only elements):
 * a read-only copy can still go to code that takes the entity only to read it.
 */
export type ReadonlyDeep<T> = T extends Date | string | number | boolean | null | undefined
  ? T
  : T extends Array<infer Element>
    ? Array<ReadonlyDeep<Element>>
    : { readonly [K in keyof T]: ReadonlyDeep<T[K]> };

/** What reading an integration needs: both a shared copy and one of the caller's own will do. */
export type ReadonlyIntegration = ReadonlyDeep<IntegrationEntity>;

/**
 * What `IntegrationsRepository.cached*` hand out: one copy that every caller in the process
 * shares. Read it; to change anything, load an own copy (`findById`).
 */
export type SharedIntegration = ReadonlyIntegration & { readonly [shared]: true };

/** An integration its holder may change. Readonly alone is no barrier in TypeScript; the brand is. */
export type OwnIntegration = IntegrationEntity & { readonly [shared]?: never };
