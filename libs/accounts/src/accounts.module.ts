import { Module } from '@nestjs/common';
import { UsersRepository } from './users.repository';
import { WorkspaceMembersRepository } from './workspace-members.repository';

const providers = [UsersRepository, WorkspaceMembersRepository];

@Module({ providers, exports: providers })
export class AccountsModule {}
