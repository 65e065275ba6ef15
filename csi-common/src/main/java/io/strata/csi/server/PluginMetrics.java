package io.strata.csi.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The registry a plugin's metrics go to: the calls ({@link CallMetrics}), the JVM's memory and
 * threads, CPU, uptime, and the process's resident memory, which is what a container's memory limit
 * counts.
 */
public final class PluginMetrics {
  private PluginMetrics() {}

  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("process.resident.memory", () -> ProcessMemory.ownResidentBytes().orElse(0))
        .baseUnit("bytes")
        .description("VmRSS from /proc/self/status")
        .register(registry);
    return registry;
  }
}
