package io.strata.csi.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts and times every call by service, method and result code: Prometheus sees {@code
 * csi_rpc_seconds_count}, {@code _sum} and {@code _bucket} per (service, method, code), plus {@code
 * csi_rpc_in_flight}. Buckets are fixed (1 ms to 2 min) rather than Micrometer's percentile
 * histogram, which would publish about 70 buckets per series.
 */
public final class CallMetrics implements ServerInterceptor {
  static final String TIMER = "csi.rpc";
  static final String IN_FLIGHT = "csi.rpc.in.flight";

  static final Duration[] BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(120)
  };

  private final MeterRegistry registry;
  private final AtomicInteger inFlight;

  public CallMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.inFlight = new AtomicInteger();
    // strong: a gauge holds its state weakly by default, and reads NaN once that is collected
    Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
        .description("CSI calls being served")
        .strongReference(true)
        .register(registry);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Completion completion = new Completion(call);
    ServerCall<Q, R> timed =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            completion.record(status.getCode());
            super.close(status, trailers);
          }
        };
    return new SimpleForwardingServerCallListener<>(next.startCall(timed, headers)) {
      @Override
      public void onCancel() {
        completion.record(Status.Code.CANCELLED);
        super.onCancel();
      }
    };
  }

  /** One call's end: by close(), or by onCancel() when the client gives up first; counted once. */
  private final class Completion {
    private final String service;
    private final String method;
    private final long started = System.nanoTime();
    private final AtomicBoolean recorded = new AtomicBoolean();

    Completion(ServerCall<?, ?> call) {
      this.service = shortName(call.getMethodDescriptor().getServiceName());
      this.method = call.getMethodDescriptor().getBareMethodName();
      inFlight.incrementAndGet();
    }

    void record(Status.Code code) {
      if (recorded.compareAndSet(false, true)) {
        inFlight.decrementAndGet();
        timer(service, method, code).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      }
    }
  }

  private Timer timer(String service, String method, Status.Code code) {
    return Timer.builder(TIMER)
        .description("CSI calls served, by result code")
        .tags("service", service, "method", method, "code", code.name())
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  /** "csi.v1.Controller" -> "Controller". */
  private static String shortName(String service) {
    return service.substring(service.lastIndexOf('.') + 1);
  }
}
