import { INestApplication, ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Application } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { SESSION_COOKIE } from '@app/accounts';
import { AppConfig } from '@app/config';
import { DASHBOARD_CLIENT_HEADER } from '@app/tenancy';
import { requestLogging, ROOT_LOGGER, RootLogger } from '@app/logging';
import { serveTrackingAheadOfExpress, TrustProxyFn } from '../tracking/tracking-fast-path';
import { describeTrackingRoutes } from '../tracking/tracking-openapi';
import { TrackingService } from '../tracking/tracking.service';
import { serveDashboard } from '../dashboard/serve-dashboard';
import { parseJsonBodies } from './json-body-limits';
import { completeContract, DASHBOARD_CLIENT_SCHEME } from './openapi-contract';
import { refuseNulCharacters, scanBodyForNul } from './nul-characters';
import { UnhandledErrorsFilter } from './unhandled-errors.filter';

/**
 * Everything about the HTTP surface that is not a route: used by `main.ts` and by the
 * end-to-end tests, so the tests exercise the same pipes, filters and documentation.
 */
export function configureHttpApp(app: NestExpressApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.use(requestLogging(app.get<RootLogger>(ROOT_LOGGER)));
  app.disable('x-powered-by');
  app.set('trust proxy', app.get(AppConfig).TRUST_PROXY);
  parseJsonBodies(app, app.get(AppConfig));
  app.useBodyParser('urlencoded', { extended: false, limit: '64kb', verify: scanBodyForNul });
  app.use(refuseNulCharacters);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }));
  app.useGlobalFilters(new UnhandledErrorsFilter(app.get(HttpAdapterHost).httpAdapter));
  app.enableShutdownHooks();
  // Express's own compiled trust function, so tracking hits and req.ip agree on the client's address.
  const trustProxy = (app.getHttpAdapter().getInstance() as Application).get('trust proxy fn') as TrustProxyFn;
  serveTrackingAheadOfExpress(app.getHttpServer(), app.get(TrackingService), trustProxy);
  serveDashboard(app.getHttpAdapter().getInstance() as Application, app.get(AppConfig).DASHBOARD_DIR);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mailroom')
      .setDescription('Multi-tenant notification backend: SMTP integrations, queued sending, tracking, marketing.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Platform admin token or a workspace API key (mr_…)' })
      .addCookieAuth(SESSION_COOKIE, {
        type: 'apiKey',
        in: 'cookie',
        description: "A signed-in person (POST /v1/auth/login); changes also need the dashboard's Origin and X-Mailroom-Client: dashboard",
      })
      .addApiKey(
        {
          type: 'apiKey',
          in: 'header',
          name: DASHBOARD_CLIENT_HEADER,
          description: '`dashboard`: pages of other sites cannot send it (cross-site request forgery)',
        },
        DASHBOARD_CLIENT_SCHEME,
      )
      .build(),
  );
  describeTrackingRoutes(document);
  completeContract(document, app.get(AppConfig).PUBLIC_BASE_URL);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
