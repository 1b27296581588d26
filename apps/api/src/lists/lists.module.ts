import { Module } from '@nestjs/common';
import { MarketingModule } from '@app/marketing';
import { ListMembersController } from './list-members.controller';
import { ListMembersService } from './list-members.service';
import { ListsController } from './lists.controller';
import { ListsService } from './lists.service';

@Module({
  imports: [MarketingModule],
  controllers: [ListsController, ListMembersController],
  providers: [ListsService, ListMembersService],
})
export class ListsModule {}
