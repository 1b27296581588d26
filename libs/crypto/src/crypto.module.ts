import { Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SecretBox } from './secret-box';

@Module({
  providers: [
    {
      provide: SecretBox,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => SecretBox.fromBase64(config.ENCRYPTION_KEY, config.ENCRYPTION_PREVIOUS_KEYS),
    },
  ],
  exports: [SecretBox],
})
export class CryptoModule {}
