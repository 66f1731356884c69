import { describe, expect, it } from 'vitest';
import { isMetricSource, metricsProvider } from '../../src/facts/providers/metrics.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** Source from a template literal; the first newline is dropped so that line 1 is the first line. */
const src = (s: TemplateStringsArray): string => (s[0] as string).replace(/^\n/, '');
/** `[key, line, meta]` of facts. */
const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.origin.start.line, f.meta]);
const run = (path: string, text: string) => runProvider(metricsProvider, path, text).of('metric');

describe('metrics provider: Go prometheus client', () => {
  it('joins Namespace, Subsystem and Name of Opts literals, through promauto under an alias and in-file constants', () => {
    const text = src`
package server

import (
	"github.com/prometheus/client_golang/prometheus"
	prometheus_auto "github.com/prometheus/client_golang/prometheus/promauto"
)

const (
	namespace = "woodpecker"
	queueSubsystem = "queue"
)

var pendingSteps = prometheus_auto.NewGauge(prometheus.GaugeOpts{
	Namespace: namespace,
	Name:      "pending_steps",
	Help:      "Total number of pending pipeline steps.",
})

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		// The old name was "pipeline_count"; Name: "ignored_in_comments" too.
		pipelineCount: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace,
			Subsystem: queueSubsystem,
			Name:      "pipeline_count",
			Help:      "Pipeline count.",
		}, []string{"repo", "branch", "status"}),
		latency: promauto.With(reg).NewHistogram(prometheus.HistogramOpts{
			Name:    "http_request_duration_seconds",
			Buckets: prometheus.DefBuckets,
		}),
	}
	prometheus.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: "woodpecker", Name: "uptime_" + "seconds"}, uptime))
	return m
}

/*
var legacy = prometheus.NewCounter(prometheus.CounterOpts{Name: "woodpecker_build_count"})
*/
`;
    expect(rows(run('server/metrics.go', text))).toEqual([
      ['woodpecker_pending_steps', 15, { via: 'prometheus', type: 'gauge' }],
      ['woodpecker_queue_pipeline_count', 25, { via: 'prometheus', type: 'counter' }],
      ['http_request_duration_seconds', 29, { via: 'prometheus', type: 'histogram' }],
      ['woodpecker_uptime_seconds', 33, { via: 'prometheus', type: 'gauge' }],
    ]);
  });

  it('follows an import alias of the prometheus package and reads NewDesc with BuildFQName', () => {
    const text = src`
package collector

import prom "github.com/prometheus/client_golang/prometheus"

var (
	opts = prom.SummaryOpts{Namespace: "acme", Name: "job_duration_seconds"}
	upDesc = prom.NewDesc(prom.BuildFQName("acme", "exporter", "up"), "Whether the last scrape worked.", nil, nil)
	infoDesc = prom.NewDesc("acme_build_info", "Build information.", []string{"version"}, nil)
)
`;
    expect(rows(run('collector/collector.go', text))).toEqual([
      ['acme_job_duration_seconds', 6, { via: 'prometheus', type: 'summary' }],
      ['acme_exporter_up', 7, { via: 'prometheus' }],
      ['acme_build_info', 8, { via: 'prometheus' }],
    ]);
  });

  it('gives a partial name when the namespace is a constant of another file', () => {
    const text = src`
package queue

import "github.com/prometheus/client_golang/prometheus"

var depth = prometheus.NewGauge(prometheus.GaugeOpts{
	Namespace: metrics.Namespace,
	Name:      "queue_depth",
})
`;
    expect(rows(run('queue/metrics.go', text))).toEqual([['queue_depth', 7, { via: 'prometheus', type: 'gauge', partial: true }]]);
  });

  it('reads OpenTelemetry instruments and StatsD calls', () => {
    const text = src`
package api

import (
	"github.com/DataDog/datadog-go/v5/statsd"
	"go.opentelemetry.io/otel"
)

func instrument() {
	meter := otel.Meter("api")
	requests, _ := meter.Int64Counter("api.requests", metric.WithDescription("Requests served."))
	latency, _ := meter.Float64Histogram("api.latency")
	statsd.Incr("api.cache.miss", nil, 1)
}
`;
    expect(rows(run('api/otel.go', text))).toEqual([
      ['api.requests', 10, { via: 'otel', type: 'counter' }],
      ['api_requests', 10, { via: 'otel', type: 'counter', derived: true }],
      ['api.latency', 11, { via: 'otel', type: 'histogram' }],
      ['api_latency', 11, { via: 'otel', type: 'histogram', derived: true }],
      ['api.cache.miss', 12, { via: 'statsd' }],
      ['api_cache_miss', 12, { via: 'statsd', derived: true }],
    ]);
  });

  it('ignores files that do not import the prometheus client', () => {
    const text = 'package cfg\n\ntype CounterOpts struct{ Name string }\n\nvar x = other.CounterOpts{Name: "not_a_metric"}\n';
    expect(run('cfg/opts.go', text)).toEqual([]);
  });
});

describe('metrics provider: Python', () => {
  it('reads prometheus_client metrics with namespace, subsystem and unit', () => {
    const text = src`
from prometheus_client import Counter, Gauge, Histogram as H, Summary
import prometheus_client as prom
from collections import Counter as Tally

NAMESPACE = "payments"

CHARGES = Counter("charges_total", "Charges created.", ["currency"], namespace=NAMESPACE)
QUEUE_DEPTH = Gauge(name="queue_depth", documentation="Jobs waiting.", namespace=NAMESPACE, subsystem="worker")
LATENCY = H(
    "request_latency",
    "Request latency.",
    unit="seconds",
)
REFUNDS = prom.Summary("payments_refund_amount", "Refund amounts.")
# DEPRECATED = Counter("payments_legacy_total", "old")
`;
    expect(rows(run('payments/metrics.py', text))).toEqual([
      ['payments_charges_total', 7, { via: 'prometheus', type: 'counter' }],
      ['payments_worker_queue_depth', 8, { via: 'prometheus', type: 'gauge' }],
      ['request_latency_seconds', 10, { via: 'prometheus', type: 'histogram' }],
      ['payments_refund_amount', 14, { via: 'prometheus', type: 'summary' }],
    ]);
  });

  it('does not take collections.Counter for a metric', () => {
    const text = 'from collections import Counter\n\nwords = Counter("hello_world")\n';
    expect(run('app/words.py', text)).toEqual([]);
  });

  it('reads OpenTelemetry instruments and statsd calls', () => {
    const text = src`
from opentelemetry import metrics
from datadog import statsd

meter = metrics.get_meter(__name__)
orders = meter.create_counter("orders.created", unit="1")

def place(order):
    statsd.increment("orders.placed", tags=["shop:eu"])
`;
    expect(rows(run('shop/orders.py', text))).toEqual([
      ['orders.created', 5, { via: 'otel', type: 'counter' }],
      ['orders_created', 5, { via: 'otel', type: 'counter', derived: true }],
      ['orders.placed', 8, { via: 'statsd' }],
      ['orders_placed', 8, { via: 'statsd', derived: true }],
    ]);
  });
});

describe('metrics provider: JavaScript and TypeScript', () => {
  it('reads prom-client metrics with constants and shorthand names', () => {
    const text = src`
import client, { Gauge } from 'prom-client';

const PREFIX = 'checkout_';
const name = 'checkout_cart_items';

export const orders = new client.Counter({
  name: PREFIX + 'orders_total',
  help: 'Orders placed',
  labelNames: ['method'] as const,
});
export const cart = new Gauge({ name, help: 'Items in carts' });
const hist = new client.Histogram<'route'>({ name: \`checkout_request_seconds\`, help: 'Latency', buckets: [0.1, 1] });
// const old = new client.Counter({ name: 'checkout_legacy_total', help: '' });
`;
    expect(rows(run('src/metrics.ts', text))).toEqual([
      ['checkout_orders_total', 7, { via: 'prom-client', type: 'counter' }],
      ['checkout_cart_items', 11, { via: 'prom-client', type: 'gauge' }],
      ['checkout_request_seconds', 12, { via: 'prom-client', type: 'histogram' }],
    ]);
  });

  it('reads OpenTelemetry and hot-shots/statsd calls', () => {
    const text = src`
const { metrics } = require('@opentelemetry/api');
const meter = metrics.getMeter('web');
const hits = meter.createCounter('web.cache.hits', { description: 'Cache hits' });
statsd.timing('web.render_time', 42);
`;
    expect(rows(run('lib/telemetry.js', text))).toEqual([
      ['web.cache.hits', 3, { via: 'otel', type: 'counter' }],
      ['web_cache_hits', 3, { via: 'otel', type: 'counter', derived: true }],
      ['web.render_time', 4, { via: 'statsd' }],
      ['web_render_time', 4, { via: 'statsd', derived: true }],
    ]);
  });

  it('does not read `new Counter()` in files that do not use prom-client', () => {
    expect(run('src/counter.ts', "import { Counter } from './counter';\nconst c = new Counter({ name: 'clicks_total' });\n")).toEqual([]);
  });
});

describe('metrics provider: Java and Kotlin', () => {
  it('reads Micrometer builders and registry shortcuts with the Prometheus form', () => {
    const text = src`
package com.acme.billing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

public class BillingMetrics {
    private static final String INVOICES = "billing.invoices.created";

    public BillingMetrics(MeterRegistry registry) {
        this.created = Counter.builder(INVOICES)
            .description("Invoices created")
            .register(registry);
        this.render = Timer.builder("billing.render").register(registry);
        registry.gauge("billing.queue.size", queue, Queue::size);
    }
}
`;
    expect(rows(run('src/main/java/com/acme/billing/BillingMetrics.java', text))).toEqual([
      ['billing.invoices.created', 11, { via: 'micrometer', type: 'counter' }],
      ['billing_invoices_created', 11, { via: 'micrometer', type: 'counter', derived: true }],
      ['billing.render', 14, { via: 'micrometer', type: 'timer' }],
      ['billing_render', 14, { via: 'micrometer', type: 'timer', derived: true }],
      ['billing_render_seconds', 14, { via: 'micrometer', type: 'timer', derived: true }],
      ['billing.queue.size', 15, { via: 'micrometer', type: 'gauge' }],
      ['billing_queue_size', 15, { via: 'micrometer', type: 'gauge', derived: true }],
    ]);
  });

  it('reads the Prometheus Java client builders', () => {
    const text = src`
class Metrics {
    static final Counter requests = Counter.build()
        .namespace("shop")
        .name("requests_total")
        .help("Total requests.")
        .register();
    static final Gauge inflight = Gauge.build("shop_inflight_requests", "In flight.").register();
}
`;
    expect(rows(run('src/main/java/shop/Metrics.java', text))).toEqual([
      ['shop_requests_total', 4, { via: 'prometheus', type: 'counter' }],
      ['shop_inflight_requests', 7, { via: 'prometheus', type: 'gauge' }],
    ]);
  });

  it('reads Kotlin Micrometer code', () => {
    const text = 'class Jobs(registry: MeterRegistry) {\n    private val failed = registry.counter("jobs.failed", "queue", "default")\n}\n';
    expect(rows(run('src/main/kotlin/Jobs.kt', text))).toEqual([
      ['jobs.failed', 2, { via: 'micrometer', type: 'counter' }],
      ['jobs_failed', 2, { via: 'micrometer', type: 'counter', derived: true }],
    ]);
  });
});

describe('metrics provider: which files', () => {
  it('reads sources, not tests, examples, vendored or built code', () => {
    for (const p of ['server/metrics.go', 'app/metrics.py', 'src/metrics.ts', 'lib/m.mjs', 'src/main/java/a/M.java', 'src/main/kotlin/M.kt']) expect(isMetricSource(p)).toBe(true);
    for (const p of [
      'server/metrics_test.go', 'vendor/github.com/x/y.go', 'node_modules/prom-client/lib/counter.js', 'dist/metrics.js',
      'tests/test_metrics.py', 'app/test_metrics.py', 'src/metrics.test.ts', 'src/__tests__/m.ts', 'src/test/java/a/MTest.java',
      'examples/basic/main.go', 'testdata/m.go', 'src/types.d.ts', 'README.md',
    ]) expect(isMetricSource(p)).toBe(false);
  });
});
