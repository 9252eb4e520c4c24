import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RunEvent } from '../index.js';

/**
 * What /metrics reports, in Prometheus's text format (prom-client): requests
 * by route and status and their latency, sentences translated, the model's
 * calls (how many requests shared each, sentences, source tokens, latency)
 * and the queue in front of the model. One registry per server, so two
 * servers in one process (tests) never share counts.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'lv2en_http_requests_total',
    help: 'HTTP requests answered, by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly requestSeconds = new Histogram({
    name: 'lv2en_http_request_duration_seconds',
    help: 'Time from receiving a request to its answer',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly sentences = new Counter({
    name: 'lv2en_sentences_total',
    help: 'Sentences translated for clients (from the model or the translation memory)',
    registers: [this.registry],
  });
  private readonly modelCalls = new Counter({
    name: 'lv2en_model_calls_total',
    help: 'Calls that reached the model, by kind (plain, constrained, alternatives)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly modelSentences = new Counter({
    name: 'lv2en_model_sentences_total',
    help: 'Sentences the model decoded',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly modelTokens = new Counter({
    name: 'lv2en_model_source_tokens_total',
    help: 'Source tokens the model read',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly modelSeconds = new Histogram({
    name: 'lv2en_model_call_duration_seconds',
    help: 'Time one model call took (a batch of sentences)',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly requestsPerCall = new Histogram({
    name: 'lv2en_model_call_requests',
    help: 'Requests that shared one model call',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  constructor(queueDepth: () => { calls: number; sentences: number }) {
    new Gauge({
      name: 'lv2en_queue_depth',
      help: 'Model calls waiting for the model',
      registers: [this.registry],
      collect() {
        this.set(queueDepth().calls);
      },
    });
    new Gauge({
      name: 'lv2en_queue_sentences',
      help: 'Sentences in the model calls waiting',
      registers: [this.registry],
      collect() {
        this.set(queueDepth().sentences);
      },
    });
  }

  /** The session's events: model calls. */
  onEvent(event: RunEvent): void {
    if (event.type !== 'model-call') return;
    this.modelCalls.inc({ kind: event.kind });
    this.modelSentences.inc({ kind: event.kind }, event.sentences);
    this.modelTokens.inc({ kind: event.kind }, event.sourceTokens);
    this.modelSeconds.observe({ kind: event.kind }, event.seconds);
    this.requestsPerCall.observe(event.requests);
  }

  request(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.requestSeconds.observe({ route }, seconds);
  }

  translated(sentences: number): void {
    this.sentences.inc(sentences);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
