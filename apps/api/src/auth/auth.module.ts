import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AccountService } from './account.service';
import { FirstRunService } from './first-run.service';
import { SecondFactorController } from './second-factor.controller';
import { SecondFactorService } from './second-factor.service';
import { SessionsController } from './sessions.controller';
import { SetupController } from './setup.controller';
import { SignInController } from './sign-in.controller';
import { SignInService } from './sign-in.service';
import { SignInThrottle } from './sign-in-throttle';

/** People signing in: first-run set-up, sessions, password changes, the second factor. */
@Module({
  imports: [AccountsModule],
  controllers: [SetupController, SignInController, SessionsController, SecondFactorController],
  providers: [FirstRunService, SignInService, SignInThrottle, AccountService, SecondFactorService],
})
export class AuthModule {}
