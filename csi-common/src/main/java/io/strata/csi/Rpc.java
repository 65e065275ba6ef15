package io.strata.csi;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.Callable;

/** Completes a unary call from a result or a failure, so no service method ever throws. */
public final class Rpc {
  private Rpc() {}

  public static <T> void respond(StreamObserver<T> observer, Callable<T> work) {
    T response;
    try {
      response = work.call();
    } catch (Throwable failure) {
      observer.onError(Failures.toStatus(failure).asRuntimeException());
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
