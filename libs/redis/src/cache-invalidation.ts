import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { createRedisClient, REDIS_CLIENT, RedisClient } from './redis-client';

export type InvalidationTopic = 'api-key' | 'api-key-created' | 'workspace' | 'integration' | 'webhook-endpoint';
type Handler = (key: string) => void;

/**
 * Hot paths keep short-lived copies of API keys, workspaces, integrations and webhook subscriptions in each process.
 * Whoever changes one publishes its id here; every process (this one at once, the others through
 * Redis pub/sub) drops its copy, so a revoked key or an edited integration takes effect on the
 * next request everywhere. While the subscription is down messages are missed, so caches that
 * must never serve a stale copy (API keys) ask `listening` and hear `onMissed`.
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CacheInvalidation.name);
  private readonly handlers = new Map<InvalidationTopic, Set<Handler>>();
  private readonly channel: string;
  private readonly missedHandlers = new Set<() => void>();
  private subscriber: RedisClient | undefined;
  private subscribed = false;
  private everSubscribed = false;
  private subscribing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    private readonly config: AppConfig,
  ) {
    this.channel = `${config.REDIS_PREFIX}:invalidate`;
  }

  async onModuleInit(): Promise<void> {
    // Plain PUBLISH reaches every node of a Redis Cluster, so one subscription on any node hears all.
    // It subscribes again itself on every 'ready', not through ioredis, so it knows when it is back.
    this.subscriber = createRedisClient(this.config, 'subscriber');
    this.subscriber.on('message', (_channel: string, message: string) => {
      const separator = message.indexOf(' ');
      this.deliver(message.slice(0, separator) as InvalidationTopic, message.slice(separator + 1));
    });
    this.subscriber.on('error', (error: Error) => this.logger.warn({ err: error }, 'invalidation subscriber error'));
    this.subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.announceMissed();
    });
    this.subscriber.on('ready', () => {
      this.subscribing = this.subscribe(); // awaited by onModuleInit; subscribe logs its own failure
    });
    await this.subscriber.connect().catch(() => undefined);
    await this.subscribing;
  }

  /** True while invalidations are being received: a cached copy can be trusted only then. */
  get listening(): boolean {
    return this.subscribed;
  }

  /** Called when the subscription is lost and again when it is back: messages may have been missed in between. */
  onMissed(handler: () => void): void {
    this.missedHandlers.add(handler);
  }

  private async subscribe(): Promise<void> {
    try {
      await this.subscriber!.subscribe(this.channel);
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot subscribe to cache invalidations');
      return;
    }
    this.subscribed = true;
    if (this.everSubscribed) this.announceMissed();
    this.everSubscribed = true;
  }

  private announceMissed(): void {
    for (const handler of this.missedHandlers) handler();
  }

  on(topic: InvalidationTopic, handler: Handler): void {
    this.handlers.set(topic, (this.handlers.get(topic) ?? new Set()).add(handler));
  }

  async publish(topic: InvalidationTopic, key: string): Promise<void> {
    this.deliver(topic, key);
    await this.redis.publish(this.channel, `${topic} ${key}`).catch((error: unknown) => {
      this.logger.warn({ err: error, topic }, 'cache invalidation not published; other processes catch up when their copies expire');
    });
  }

  private deliver(topic: InvalidationTopic, key: string): void {
    for (const handler of this.handlers.get(topic) ?? []) handler(key);
  }

  /** disconnect, not quit: a QUIT queued while Redis is away would wait for it forever. */
  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
  }
}
