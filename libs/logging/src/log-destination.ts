import type { DestinationStream } from 'pino';
import { destination } from 'pino';

/** Where log lines go: stdout in every deployment; tests swap it to read what would have been logged. */
export class LogDestination {
  constructor(readonly stream: DestinationStream = destination(1)) {}
}
