import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@app/config';
import { LogDestination } from './log-destination';
import { REDACTED_PATHS, redactUrl } from './redaction';

const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** Structured JSON logs (pino) for the API and the worker, with secrets redacted at the source. */
@Global()
@Module({
  providers: [{ provide: LogDestination, useFactory: () => new LogDestination() }],
  exports: [LogDestination],
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig, LogDestination],
      useFactory: (config: AppConfig, destination: LogDestination) => ({
        pinoHttp: {
          stream: destination.stream,
          level: config.LOG_LEVEL,
          redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
          autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(req.url ?? '') },
          serializers: {
            req: (req: { id: unknown; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: redactUrl(req.url),
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
