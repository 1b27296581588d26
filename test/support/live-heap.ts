import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `gc` is only installed in contexts created after the flag is set, so one is made for it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Bytes of JavaScript heap that are still reachable: a full collection first, so what a test
 * compares is what code holds on to, not garbage that happened not to be collected yet.
 */
export function liveHeapBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}
