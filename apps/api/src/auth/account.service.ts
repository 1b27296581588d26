import { Injectable, NotFoundException, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { clearedSessionCookie, hashPassword, passwordMatches, SessionsService, UsersRepository } from '@app/accounts';
import { AppConfig } from '@app/config';
import type { UserPrincipal } from '@app/tenancy';
import { TransactionRunner } from '@app/database';
import type { ChangePasswordDto } from './auth.dto';
import { MeResponse, SessionResponse, TotpEnrollmentResponse } from './auth.response';
import type { ClientInfo } from './client.decorator';
import { clientDetails, PersonAuditLog, signedInPerson } from './person-audit-log.service';
import { SecondFactorService } from './second-factor.service';
import { SignInService } from './sign-in.service';
import { HeaderSink, SignInThrottle } from './sign-in-throttle';

/** What signed-in people do to their own account: read it, change the password, end sessions, the second factor. */
@Injectable()
export class AccountService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsService,
    private readonly signIn: SignInService,
    private readonly secondFactor: SecondFactorService,
    private readonly throttle: SignInThrottle,
    private readonly audit: PersonAuditLog,
  ) {}

  async me(principal: UserPrincipal): Promise<MeResponse> {
    const user = await this.users.findById(principal.userId);
    // The session row cascades with its person, so this is a deletion racing this request.
    if (!user) throw new UnauthorizedException('Your account no longer exists');
    return this.signIn.me(user);
  }

  /** Every other session ends, and this one continues under a new cookie, so a stolen cookie dies with the old password. */
  async changePassword(principal: UserPrincipal, dto: ChangePasswordDto, client: ClientInfo, response: HeaderSink): Promise<void> {
    await this.throttle.refuseWhileLimited(principal.email, client.ip, response);
    const user = await this.users.findWithPasswordHash(principal.userId);
    if (!user || !(await passwordMatches(user.passwordHash, dto.current))) {
      await this.throttle.recordFailure(principal.email, client.ip);
      throw new UnprocessableEntityException(['current is not your current password']);
    }
    const passwordHash = await hashPassword(dto.next);
    await this.transactions.run(async (manager) => {
      await this.users.setPasswordHash(user.id, passwordHash, manager);
      await this.sessions.endAllOf(user.id, manager);
    });
    await this.signIn.startSession(user.id, client, response);
    await this.audit.record(signedInPerson(principal), 'auth.password_changed', clientDetails(client));
  }

  async listSessions(principal: UserPrincipal): Promise<SessionResponse[]> {
    return (await this.sessions.list(principal.userId)).map((session) => SessionResponse.from(session, principal.sessionId));
  }

  /** Only one's own sessions: anyone else's id is as unknown as a made-up one. */
  async endSession(principal: UserPrincipal, id: string, response: HeaderSink): Promise<void> {
    if (!(await this.sessions.end(principal.userId, id))) throw new NotFoundException(`Session ${id} not found`);
    const current = id === principal.sessionId;
    if (current) response.setHeader('Set-Cookie', clearedSessionCookie(this.config));
    await this.audit.record(signedInPerson(principal), 'auth.session_ended', { current });
  }

  enrollSecondFactor(principal: UserPrincipal): Promise<TotpEnrollmentResponse> {
    return this.secondFactor.enroll(principal.userId, principal.email);
  }

  async confirmSecondFactor(principal: UserPrincipal, code: string, client: ClientInfo, response: HeaderSink): Promise<string[]> {
    await this.throttle.refuseWhileLimited(principal.email, client.ip, response);
    const recoveryCodes = await this.secondFactor.confirm(principal.userId, code);
    if (recoveryCodes) {
      await this.audit.record(signedInPerson(principal), 'auth.totp_enabled', clientDetails(client));
      return recoveryCodes;
    }
    await this.throttle.recordFailure(principal.email, client.ip);
    throw new UnprocessableEntityException(['code does not match the enrolled secret: check the authenticator app and its clock']);
  }

  async disableSecondFactor(principal: UserPrincipal, code: string, client: ClientInfo, response: HeaderSink): Promise<void> {
    await this.throttle.refuseWhileLimited(principal.email, client.ip, response);
    if (await this.secondFactor.disable(principal.userId, code)) {
      await this.audit.record(signedInPerson(principal), 'auth.totp_disabled', clientDetails(client));
      return;
    }
    await this.throttle.recordFailure(principal.email, client.ip);
    throw new UnprocessableEntityException(['code is wrong, expired or already used']);
  }
}
