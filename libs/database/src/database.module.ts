import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => dataSourceOptions(config.DATABASE_URL),
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [TransactionRunner],
  exports: [TypeOrmModule, TransactionRunner],
})
export class DatabaseModule {}
