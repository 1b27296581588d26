import { Module } from '@nestjs/common';
import { SingleUseTokensRepository } from './single-use-tokens.repository';
import { SingleUseTokensService } from './single-use-tokens.service';
import { UsersRepository } from './users.repository';
import { WorkspaceMembersRepository } from './workspace-members.repository';

const providers = [UsersRepository, WorkspaceMembersRepository, SingleUseTokensRepository, SingleUseTokensService];

@Module({ providers, exports: providers })
export class AccountsModule {}
