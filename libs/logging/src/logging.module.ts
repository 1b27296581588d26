import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino } from 'pino';
import { AppConfig } from '@app/config';
import { LogDestination } from './log-destination';
import { ERROR_SERIALIZERS, REDACTED_PATHS } from './redaction';
import { ROOT_LOGGER, RootLogger } from './root-logger';

/**
 * Structured JSON logs (pino) for the API and the worker, with secrets redacted at the source.
 * Nest's Logger writes through nestjs-pino to the root logger; HTTP requests are logged by
 * `requestLogging`, which the API mounts itself (nestjs-pino's own middleware stays unmounted:
 * `forRoutes: []`, see request-logging.ts for why).
 */
@Global()
@Module({
  providers: [
    { provide: LogDestination, useFactory: () => new LogDestination() },
    {
      provide: ROOT_LOGGER,
      inject: [AppConfig, LogDestination],
      useFactory: (config: AppConfig, destination: LogDestination): RootLogger =>
        pino(
          { level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: ERROR_SERIALIZERS },
          destination.stream,
        ),
    },
  ],
  exports: [LogDestination, ROOT_LOGGER],
  imports: [
    LoggerModule.forRootAsync({
      inject: [ROOT_LOGGER],
      useFactory: (logger: RootLogger) => ({ pinoHttp: { logger }, forRoutes: [] }),
    }),
  ],
})
export class LoggingModule {}
