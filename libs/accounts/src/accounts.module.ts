import { Module } from '@nestjs/common';
import { InvitationsRepository } from './invitations.repository';
import { SessionsService } from './sessions.service';
import { SingleUseTokensRepository } from './single-use-tokens.repository';
import { SingleUseTokensService } from './single-use-tokens.service';
import { UserSessionsRepository } from './user-sessions.repository';
import { UsersRepository } from './users.repository';
import { WorkspaceMembersRepository } from './workspace-members.repository';

const providers = [
  InvitationsRepository,
  UsersRepository,
  WorkspaceMembersRepository,
  SingleUseTokensRepository,
  SingleUseTokensService,
  UserSessionsRepository,
  SessionsService,
];

@Module({ providers, exports: providers })
export class AccountsModule {}
