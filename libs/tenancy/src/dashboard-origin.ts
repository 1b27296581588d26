import { ForbiddenException, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { GuardedRequest } from './guarded-request';

export const DASHBOARD_CLIENT_HEADER = 'X-Mailroom-Client';
const DASHBOARD_CLIENT = 'dashboard';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/**
 * Cross-site request forgery: a browser attaches the session cookie to requests any page makes.
 * Pages of another origin cannot send a custom header without a CORS preflight, which Mailroom
 * never grants, and browsers say where a request comes from (`Origin`, or `Sec-Fetch-Site`).
 */
@Injectable()
export class DashboardOrigin {
  private readonly allowed: Set<string>;
  private readonly expected: string;

  constructor(config: AppConfig) {
    const own = new URL(config.PUBLIC_BASE_URL).origin;
    this.allowed = new Set([own, ...config.DASHBOARD_ORIGINS.map((origin) => new URL(origin).origin)]);
    this.expected = config.DASHBOARD_ORIGINS.length > 0 ? `${own} (or one of DASHBOARD_ORIGINS)` : own;
  }

  /** A change made with the session cookie must come from a dashboard page: its origin, and the dashboard's header. */
  checkSessionRequest(request: GuardedRequest): void {
    if (!STATE_CHANGING.has(request.method)) return;
    const origin = single(request.headers.origin);
    if (origin === undefined && single(request.headers['sec-fetch-site']) !== 'same-origin') {
      this.refuse(
        `a change made with the session cookie must come from the dashboard at ${this.expected}, and this request names no Origin`,
      );
    }
    this.checkOriginAndHeader(request);
  }

  /**
   * The public forms (sign-in, set-up, password reset) carry no cookie to forge, but a foreign
   * page could still sign a browser in to an account of the attacker's (login CSRF): they need the
   * dashboard's header, and a browser's Origin, when it sends one, must be the dashboard's.
   */
  checkForm(request: GuardedRequest): void {
    const site = single(request.headers['sec-fetch-site']);
    if (single(request.headers.origin) === undefined && site !== undefined && site !== 'same-origin' && site !== 'none') {
      this.refuse(`this form must be sent from the dashboard at ${this.expected}, not from a ${site} page`);
    }
    this.checkOriginAndHeader(request);
  }

  private checkOriginAndHeader(request: GuardedRequest): void {
    const origin = single(request.headers.origin);
    if (origin !== undefined && !this.allowed.has(origin)) {
      this.refuse(`Origin ${origin.slice(0, 200)} is not the dashboard's; expected ${this.expected}`);
    }
    if (single(request.headers[DASHBOARD_CLIENT_HEADER.toLowerCase()]) !== DASHBOARD_CLIENT) {
      this.refuse(
        `send the header ${DASHBOARD_CLIENT_HEADER}: ${DASHBOARD_CLIENT} (the dashboard's requests carry it; pages of other sites cannot)`,
      );
    }
  }

  private refuse(reason: string): never {
    throw new ForbiddenException(`Refused as a possible cross-site request: ${reason}`);
  }
}
