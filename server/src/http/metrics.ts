/** Prometheus metrics: process defaults, HTTP latency per route, decisions per outcome. */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  decisions: Counter<'municipality' | 'outcome'>;
  evaluateDuration: Histogram<'stored'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'regelvaerk_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'regelvaerk_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    decisions: new Counter({
      name: 'regelvaerk_decisions_total',
      help: 'Decisions stored, by municipality and outcome',
      labelNames: ['municipality', 'outcome'],
      registers: [registry],
    }),
    evaluateDuration: new Histogram({
      name: 'regelvaerk_evaluate_seconds',
      help: 'Time to decide a document (facts, rules, decision), stored or dry run',
      labelNames: ['stored'],
      buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05],
      registers: [registry],
    }),
  };
}
