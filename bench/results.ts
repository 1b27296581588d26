import type { DashboardFirstLoad } from './scenarios/dashboard-first-load';
import type { WebhookDelivery } from './scenarios/webhook-delivery';

export interface Throughput {
  messages: number;
  seconds: number;
  perSecond: number;
}

export interface DeliveryThroughput extends Throughput {
  /** Until the last batch request was answered 202; the rest of `seconds` is the queue draining. */
  acceptSeconds: number;
}

export interface AcceptRate {
  /** Messages accepted (2xx) during the measured run. */
  accepted: number;
  requestsPerSecond: number;
  messagesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers other than 2xx and connection errors: they are not counted in the rates above. */
  non2xx: number;
  errors: number;
}

/** One autocannon run against one tracking endpoint. */
export interface EndpointRate {
  /** Answers with the expected status (200 for the pixel, 302 for a click) during the measured run. */
  answered: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Any other status, and connection errors or timeouts: not counted in the rate above. */
  unexpected: number;
  errors: number;
}

export interface TrackingEndpoint {
  mailroom: EndpointRate;
  /** A bare node:http server answering the bytes Mailroom answered for the same paths. */
  bare: EndpointRate;
}

export interface TrackingLoad {
  open: TrackingEndpoint;
  click: TrackingEndpoint;
  /** Distinct tokens hit (pixels, links), taken from delivered mail. */
  tokens: { open: number; click: number };
  /** Opens and clicks Mailroom answered (warm-ups included), and the events found in `message_events` afterwards. */
  eventsAnswered: number;
  eventsWritten: number;
  /** At most this many more may be written: requests Mailroom served while autocannon was stopping a run, not counted as answered. */
  eventsCutOff: number;
}

export interface FanOut {
  /** Members on the list, and messages the fan-out had made when the clock stopped. */
  contacts: number;
  recipients: number;
  /** False when the time limit stopped the clock before every member had a message. */
  completed: boolean;
  /** From `POST …/send` until `broadcasts.recipients` reached `contacts`. */
  seconds: number;
  perSecond: number;
  /** `counts.recipients` of `GET …/broadcasts/{id}` once the clock stopped. */
  apiRecipients: number;
  /** Messages the sink had received from the broadcast when the clock stopped. */
  delivered: number;
  workerRssBeforeMB: number;
  /** The highest of VmHWM and the VmRSS samples of the worker process (its peak since start). */
  workerPeakRssMB: number;
}

/** One GET a dashboard page makes, asked again and again, one at a time. */
export interface ReadTiming {
  name: string;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface DashboardReads {
  /** What the workspace held while it was read. */
  messages: number;
  events: number;
  contacts: number;
  /** Timed requests per call (after the warm-up). */
  samples: number;
  calls: ReadTiming[];
  firstLoad: DashboardFirstLoad;
}

export interface BenchResults {
  pooled: Throughput;
  unpooled: Throughput;
  delivery: DeliveryThroughput;
  single: AcceptRate;
  batch: AcceptRate;
  tracking: TrackingLoad;
  fanOut: FanOut;
  dashboard: DashboardReads;
  webhooks: WebhookDelivery;
}

export function throughput(messages: number, milliseconds: number): Throughput {
  const seconds = milliseconds / 1000;
  return { messages, seconds, perSecond: messages / seconds };
}
