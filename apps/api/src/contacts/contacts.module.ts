import { Module } from '@nestjs/common';
import { MarketingModule } from '@app/marketing';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  controllers: [ContactsController],
  imports: [MarketingModule],
  providers: [ContactsService],
})
export class ContactsModule {}
