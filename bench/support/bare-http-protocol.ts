/** An answer Mailroom gave, to be replayed byte for byte by the bare server. */
export interface RecordedAnswer {
  status: number;
  /** Every header Mailroom sent except those node:http writes itself (Date, Connection, Keep-Alive). */
  headers: Array<[string, string]>;
  /** Base64 of the body. */
  body: string;
}

/** Messages between the bench and its bare HTTP server child over the fork IPC channel. */
export type BareRequest = { type: 'serve'; routes: Record<string, RecordedAnswer> };

export type BareReply = { type: 'ready'; port: number };
