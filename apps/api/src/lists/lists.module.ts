import { Module } from '@nestjs/common';
import { ContactsModule } from '../contacts/contacts.module';
import { ListMembersController } from './list-members.controller';
import { ListMembersService } from './list-members.service';
import { ListMembershipsRepository } from './list-memberships.repository';
import { ListsController } from './lists.controller';
import { ListsRepository } from './lists.repository';
import { ListsService } from './lists.service';

@Module({
  imports: [ContactsModule],
  controllers: [ListsController, ListMembersController],
  providers: [ListsService, ListMembersService, ListsRepository, ListMembershipsRepository],
})
export class ListsModule {}
