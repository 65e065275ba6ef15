package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.strata.operator.bootstrap.Daemon;

/**
 * Liveness probes that ask the daemon itself, not the cluster: a daemon whose peers are down is
 * still alive, and restarting it would not help.
 */
final class Probes {
  private Probes() {}

  /** A monitor accepts connections on its msgr2 port while it runs, in quorum or not. */
  static Probe tcp(int port) {
    return new ProbeBuilder()
        .withNewTcpSocket()
        .withPort(new IntOrString(port))
        .endTcpSocket()
        .withInitialDelaySeconds(10)
        .withPeriodSeconds(10)
        .withFailureThreshold(6)
        .build();
  }

  /**
   * The daemon answers on its admin socket ({@code ceph --admin-daemon <asok> version}), which
   * needs no key and no monitor.
   */
  static Probe adminSocket(Daemon daemon) {
    String socket = PodLayout.LAYOUT.asokDir().resolve(daemon.name() + ".asok").toString();
    return new ProbeBuilder()
        .withNewExec()
        .withCommand("ceph", "--admin-daemon", socket, "version")
        .endExec()
        .withInitialDelaySeconds(30)
        .withPeriodSeconds(20)
        .withTimeoutSeconds(5)
        .withFailureThreshold(6)
        .build();
  }
}
