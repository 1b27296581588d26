import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { IntegrationsModule } from '@app/integrations';
import { WorkspacesDataModule } from '@app/workspaces';
import { MessagesApiModule } from '../messages/messages.module';
import { InvitationAcceptController } from './invitation-accept.controller';
import { InvitationAcceptance } from './invitation-acceptance.service';
import { InvitationMailer } from './invitation-mailer.service';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';

@Module({
  imports: [AccountsModule, AuditModule, IntegrationsModule, MessagesApiModule, WorkspacesDataModule],
  controllers: [MembersController, InvitationsController, InvitationAcceptController],
  providers: [MembersService, InvitationsService, InvitationAcceptance, InvitationMailer],
})
export class MembersModule {}
