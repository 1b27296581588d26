import { Module } from '@nestjs/common';
import { BroadcastsRepository } from './broadcasts.repository';
import { ContactsRepository } from './contacts.repository';
import { ListMembershipsRepository } from './list-memberships.repository';
import { ListsRepository } from './lists.repository';
import { SuppressionsRepository } from './suppressions.repository';

const repositories = [BroadcastsRepository, ContactsRepository, ListMembershipsRepository, ListsRepository, SuppressionsRepository];

@Module({ providers: repositories, exports: repositories })
export class MarketingModule {}
