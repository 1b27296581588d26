import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { configureHttpApp } from './http/configure-http-app';

export async function startApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureHttpApp(app);
  await app.listen(app.get(AppConfig).PORT);
  return app;
}
