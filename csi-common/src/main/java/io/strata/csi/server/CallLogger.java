package io.strata.csi.server;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every call as one line: method, the ids it names, duration and status code. Only the id
 * fields listed here are read from a request, so secrets never reach the log. Probe and capability
 * calls are frequent and logged at debug; failures always at warn.
 */
public final class CallLogger implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger("io.strata.csi.calls");
  private static final List<String> ID_FIELDS =
      List.of("name", "volume_id", "snapshot_id", "source_volume_id", "node_id", "target_path");

  private static final int MAX_VALUE = 160;

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    long started = System.nanoTime();
    StringBuilder ids = new StringBuilder();
    ServerCall<Q, R> logged =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            log(method, ids.toString(), status, (System.nanoTime() - started) / 1_000_000.0);
            super.close(status, trailers);
          }
        };
    return new SimpleForwardingServerCallListener<>(next.startCall(logged, headers)) {
      @Override
      public void onMessage(Q request) {
        if (request instanceof Message message) {
          ids.append(idsOf(message));
        }
        super.onMessage(request);
      }
    };
  }

  static String idsOf(Message request) {
    StringJoiner joined = new StringJoiner(" ");
    for (String field : ID_FIELDS) {
      FieldDescriptor descriptor = request.getDescriptorForType().findFieldByName(field);
      if (descriptor != null
          && descriptor.getType() == FieldDescriptor.Type.STRING
          && !descriptor.isRepeated()) {
        String value = (String) request.getField(descriptor);
        if (!value.isEmpty()) {
          joined.add(field + "=" + printable(value));
        }
      }
    }
    return joined.toString();
  }

  /** Bounds a client-supplied value and strips control characters so one call stays one line. */
  private static String printable(String value) {
    String bounded = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value;
    return bounded.replaceAll("\\p{Cntrl}", "?");
  }

  private static void log(String method, String ids, Status status, double millis) {
    String line = String.format("%s %s %.1fms %s", method, ids, millis, status.getCode());
    if (!status.isOk()) {
      LOG.warn("{}: {}", line, status.getDescription());
    } else if (method.equals("Probe") || method.endsWith("GetCapabilities")) {
      LOG.debug(line);
    } else {
      LOG.info(line);
    }
  }
}
