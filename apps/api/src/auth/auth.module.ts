import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';

/** People signing in: first-run set-up, sessions, password changes and resets, the second factor. */
@Module({
  imports: [AccountsModule],
})
export class AuthModule {}
