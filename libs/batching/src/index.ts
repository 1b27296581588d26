// Collect, then one statement: the group commits of the hot paths (accepting, loading, recording, tracking). No dependencies.
export * from './batcher';
export * from './result-batch';
