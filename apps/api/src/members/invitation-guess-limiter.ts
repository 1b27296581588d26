import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FailureCounter, REDIS_CLIENT, RedisClient } from '@app/redis';

/** Wrong passwords an invitation takes before it is revoked. */
export const INVITATION_PASSWORD_GUESSES = 5;

/**
 * Accepting an invitation for an address that has an account asks for that account's password.
 * Without a cap, whoever may invite (any admin) could invite someone else's address and guess
 * their password here, outside the sign-in limits. Counted per invitation, shared through Redis.
 */
@Injectable()
export class InvitationGuessLimiter {
  private readonly guesses: FailureCounter;

  constructor(@Inject(REDIS_CLIENT) redis: RedisClient, config: AppConfig) {
    this.guesses = new FailureCounter(redis, {
      keyPrefix: `${config.REDIS_PREFIX}:invitation-guesses`,
      points: INVITATION_PASSWORD_GUESSES - 1,
      durationSeconds: config.INVITATION_TTL_DAYS * 24 * 3600,
    });
  }

  /** Records a wrong password: true once the invitation has had its last guess. */
  async exhausted(invitationId: string): Promise<boolean> {
    return (await this.guesses.record(invitationId)) > 0;
  }
}
