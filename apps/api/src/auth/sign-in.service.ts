import { Injectable, UnauthorizedException } from '@nestjs/common';
import {
  clearedSessionCookie,
  hashPassword,
  passwordMatches,
  sessionCookie,
  SessionsService,
  UsersRepository,
  WorkspaceMembersRepository,
} from '@app/accounts';
import { AppConfig } from '@app/config';
import { randomToken } from '@app/crypto';
import type { UserEntity } from '@app/database';
import type { UserPrincipal } from '@app/tenancy';
import { MembershipResponse, MeResponse, UserResponse } from './auth.response';
import type { LoginDto } from './auth.dto';
import type { ClientInfo } from './client.decorator';
import { clientDetails, PersonAuditLog, signedInPerson } from './person-audit-log.service';
import { SecondFactorService } from './second-factor.service';
import { HeaderSink, SignInThrottle } from './sign-in-throttle';

export const WRONG_CREDENTIALS = 'Wrong email or password';
export const SECOND_FACTOR_REQUIRED = 'second factor required';

/** Signing in and out with email, password and, when the person has one, a second factor. */
@Injectable()
export class SignInService {
  /** Unknown emails are checked against this, so they cost the same time as a wrong password. */
  private readonly dummyHash = hashPassword(randomToken(32));

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly members: WorkspaceMembersRepository,
    private readonly sessions: SessionsService,
    private readonly secondFactor: SecondFactorService,
    private readonly throttle: SignInThrottle,
    private readonly audit: PersonAuditLog,
  ) {}

  async login(dto: LoginDto, client: ClientInfo, response: HeaderSink): Promise<MeResponse> {
    await this.throttle.refuseWhileLimited(dto.email, client.ip, response);
    const user = await this.users.findForSignIn(dto.email);
    const passwordRight = await passwordMatches(user?.passwordHash ?? (await this.dummyHash), dto.password);
    if (!user || !passwordRight) {
      await this.throttle.recordFailure(dto.email, client.ip);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    if (user.totpEnabledAt) {
      if (dto.code === undefined) throw new UnauthorizedException(SECOND_FACTOR_REQUIRED);
      if (!(await this.secondFactor.verify(user.id, dto.code))) {
        await this.throttle.recordFailure(dto.email, client.ip);
        throw new UnauthorizedException('code: the second-factor code is wrong, expired or already used');
      }
    }
    await this.throttle.recordSuccess(dto.email, client.ip);
    await this.startSession(user.id, client, response);
    await this.audit.record(user, 'auth.login', clientDetails(client));
    return this.me(user);
  }

  async logout(principal: UserPrincipal, response: HeaderSink): Promise<void> {
    await this.sessions.end(principal.userId, principal.sessionId);
    response.setHeader('Set-Cookie', clearedSessionCookie(this.config));
    await this.audit.record(signedInPerson(principal), 'auth.logout');
  }

  async me(user: UserEntity): Promise<MeResponse> {
    return {
      user: UserResponse.from(user),
      memberships: (await this.members.membershipsOf(user.id)).map((membership) => MembershipResponse.from(membership)),
    };
  }

  /** A new session and its cookie on the response. */
  async startSession(userId: string, client: ClientInfo, response: HeaderSink): Promise<string> {
    const { token, session } = await this.sessions.start(userId, client);
    response.setHeader('Set-Cookie', sessionCookie(this.config, token));
    return session.id;
  }
}
