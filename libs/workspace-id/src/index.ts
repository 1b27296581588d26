// The tenant's id as a type of its own, so that no query can be written without one; no dependencies.
export * from './workspace-id';
