package io.strata.csi.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import java.util.concurrent.TimeUnit;

/** A channel that also releases its event loop when it shuts down. */
final class ClosingChannel extends ManagedChannel {
  private final ManagedChannel delegate;
  private final Runnable onShutdown;

  ClosingChannel(ManagedChannel delegate, Runnable onShutdown) {
    this.delegate = delegate;
    this.onShutdown = onShutdown;
  }

  @Override
  public ManagedChannel shutdown() {
    delegate.shutdown();
    onShutdown.run();
    return this;
  }

  @Override
  public ManagedChannel shutdownNow() {
    delegate.shutdownNow();
    onShutdown.run();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  @Override
  public ConnectivityState getState(boolean requestConnection) {
    return delegate.getState(requestConnection);
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return delegate.newCall(method, options);
  }

  @Override
  public String authority() {
    return delegate.authority();
  }
}
