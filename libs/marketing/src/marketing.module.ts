import { Module } from '@nestjs/common';
import { WebhooksModule } from '@app/webhooks';
import { BroadcastTransitions } from './broadcast-transitions';
import { BroadcastsRepository } from './broadcasts.repository';
import { ContactsRepository } from './contacts.repository';
import { ListMembershipsRepository } from './list-memberships.repository';
import { ListsRepository } from './lists.repository';
import { SuppressionsRepository } from './suppressions.repository';

const repositories = [BroadcastsRepository, ContactsRepository, ListMembershipsRepository, ListsRepository, SuppressionsRepository];

@Module({ imports: [WebhooksModule], providers: [...repositories, BroadcastTransitions], exports: [...repositories, BroadcastTransitions] })
export class MarketingModule {}
