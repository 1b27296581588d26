import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { CryptoModule } from '@app/crypto';
import { RedisModule } from '@app/redis';
import { MessagesApiModule } from '../messages/messages.module';
import { AccountService } from './account.service';
import { FirstRunService } from './first-run.service';
import { PasswordResetController } from './password-reset.controller';
import { PasswordResetService } from './password-reset.service';
import { PersonAuditLog } from './person-audit-log.service';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorService } from './second-factor.service';
import { SessionsController } from './sessions.controller';
import { SetupController } from './setup.controller';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';

/** People signing in: first-run set-up, sessions, password changes and resets, the second factor. */
@Module({
  imports: [AccountsModule, AuditModule, CryptoModule, MessagesApiModule, RedisModule],
  controllers: [SetupController, SignInController, SessionsController, SecondFactorController, PasswordResetController],
  providers: [FirstRunService, SignInService, SignInThrottle, AccountService, SecondFactorService, PasswordResetService, PersonAuditLog],
})
export class AuthModule {}
