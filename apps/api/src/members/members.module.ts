import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { RedisModule } from '@app/redis';
import { WorkspacesDataModule } from '@app/workspaces';
import { MessagesApiModule } from '../messages/messages.module';
import { InvitationAcceptController } from './invitation-accept.controller';
import { InvitationAcceptance } from './invitation-acceptance.service';
import { InvitationGuessLimiter } from './invitation-guess-limiter';
import { InvitationMailer } from './invitation-mailer.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MemberPasswordResetService } from './member-password-reset.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [AccountsModule, AuditModule, IntegrationsModule, MessagesApiModule, RedisModule, WorkspacesDataModule],
  controllers: [MembersController, InvitationsController, InvitationAcceptController],
  providers: [
    MembersService,
    MemberPasswordResetService,
    InvitationsService,
    InvitationAcceptance,
    InvitationGuessLimiter,
    InvitationMailer,
  ],
})
export class MembersModule {}
