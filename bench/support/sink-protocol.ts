/** Messages between the bench and its SMTP sink child over the fork IPC channel. */
export type SinkRequest = { type: 'count'; id: number } | { type: 'recent'; id: number };

export type SinkReply =
  | { type: 'ready'; port: number }
  | { type: 'count'; id: number; received: number }
  /** The raw text (headers and body, as sent over DATA) of the last messages received, oldest first. */
  | { type: 'recent'; id: number; messages: string[] };
