import { Module, Provider } from '@nestjs/common';

const providers: Provider[] = [];

@Module({ providers, exports: providers })
export class AccountsModule {}
