/**
 * Sample sizes of one run. Chosen so the whole run stays under ~4 minutes on 2 cores while each
 * measurement lasts long enough (seconds, thousands of messages) to be stable between runs.
 */
export const PLAN = {
  /** Pool settings of (a) and of the Mailroom integration in (c): the same as Mailroom's own pool, so c/a isolates Mailroom's overhead. */
  pool: { maxConnections: 5, maxMessagesPerConnection: 1000 },
  pooled: { messages: 5000, warmup: 500, inFlight: 50 },
  unpooled: { messages: 200, inFlight: 5 },
  delivery: { messages: 5000, warmup: 500, perRequest: 100, requestsInFlight: 4, timeoutMs: 60_000 },
  single: { connections: 20, seconds: 10, warmupSeconds: 2 },
  batch: { perRequest: 100, connections: 8, seconds: 10, warmupSeconds: 2 },
  /** (e) Real tokens from `messages` delivered tracked mails (two links each), hit in turn by every connection; Mailroom and the bare server take turns in `rounds`. */
  tracking: {
    messages: 5,
    connections: 50,
    rounds: 5,
    roundSeconds: 3,
    warmupSeconds: 2,
    deliveryTimeoutMs: 20_000,
    eventsTimeoutMs: 10_000,
  },
  /** (f) One list of `contacts` subscribed members, fanned out by a worker running apart from the API. */
  fanOut: { contacts: 100_000, timeoutMs: 90_000 },
  /** (g) A workspace of `messages` messages (and their events) and `contacts` contacts; every GET of the dashboard's pages, `samples` times each after `warmup`. */
  dashboardReads: { messages: 100_000, contacts: 10_000, samples: 30, warmup: 3 },
  /**
   * (w1) (c)'s delivery of `delivery.messages`, `turns` times without and `turns` times with an
   * endpoint on message.sent, taking turns. (w2) `events` message.sent webhooks to one local
   * receiver, `concurrency` requests in flight (Mailroom's WEBHOOK_ENDPOINT_CONCURRENCY default,
   * and the bare loop's), the bare loop warmed up with `warmup` posts first.
   */
  webhooks: { turns: 3, events: 10_000, concurrency: 10, warmup: 500, timeoutMs: 120_000 },
} as const;

export const TARGETS = {
  deliveryVsPooled: 0.7,
  deliveryVsUnpooled: 25,
  singlePerSecond: 3000,
  singleP99Ms: 50,
  batchMessagesPerSecond: 10_000,
  /** Mailroom's tracking endpoints against a bare node:http server answering the same bytes. */
  trackingVsBare: 0.6,
  trackingP99Ms: 10,
  fanOutPerSecond: 20_000,
  fanOutWorkerPeakRssMB: 300,
  /** Every call a dashboard page makes, at the server, with a workspace of 100,000 messages. */
  dashboardReadP95Ms: 200,
  /** JavaScript a first visit of the dashboard transfers, compressed (issue 15). */
  dashboardFirstLoadBytes: 300 * 1024,
  /** Webhook deliveries against a bare loop posting the same bodies with the same concurrency. */
  webhooksVsBare: 0.5,
  /** (c) with an endpoint taking every message.sent, against (c) without: unchanged, within this machine's noise. */
  deliveryWithWebhooksVsWithout: 0.9,
} as const;
