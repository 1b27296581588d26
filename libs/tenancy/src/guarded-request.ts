import type { AuthenticatedRequest } from './principal';

/** The parts of an Express request the guard reads. */
export interface GuardedRequest extends AuthenticatedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  /** The Express route that matched, e.g. `/v1/workspaces/:ws/members`. */
  route: { path: string };
  /** The client's address, as Express works it out under TRUST_PROXY. */
  ip?: string;
}

export interface GuardedResponse {
  setHeader(name: string, value: string): void;
}
