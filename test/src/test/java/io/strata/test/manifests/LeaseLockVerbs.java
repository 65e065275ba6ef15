package io.strata.test.manifests;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The API verbs the operator's leader election sends on our behalf, as the API server sees them:
 * JOSDK elects with fabric8's LeaseLock, which is run here against a mock API server until it has
 * taken a Lease and renewed it twice. RBAC derived from our own code alone missed its renewals.
 */
final class LeaseLockVerbs {
  private static final Map<String, String> VERB_OF_METHOD =
      Map.of("POST", "create", "PUT", "update", "PATCH", "patch", "DELETE", "delete");

  private LeaseLockVerbs() {}

  /** "coordination.k8s.io/leases verb" lines, as OperatorManifestsTest writes rules. */
  static Set<String> recorded() throws InterruptedException {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    Set<String> verbs = new TreeSet<>();
    try (NamespacedKubernetesClient client = server.createClient()) {
      CompletableFuture<?> elector =
          client
              .leaderElector()
              .withConfig(
                  new LeaderElectionConfigBuilder()
                      .withName("verbs")
                      .withLock(new LeaseLock("strata", "strata-operator", "replica-1"))
                      .withLeaseDuration(Duration.ofSeconds(2))
                      .withRenewDeadline(Duration.ofSeconds(1))
                      .withRetryPeriod(Duration.ofMillis(100))
                      .withLeaderCallbacks(new LeaderCallbacks(() -> {}, () -> {}, leader -> {}))
                      .build())
              .build()
              .start();
      int writes = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (writes < 3 && System.nanoTime() < deadline) {
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        if (request == null || !request.getPath().contains("/leases")) {
          continue;
        }
        String verb = VERB_OF_METHOD.getOrDefault(request.getMethod(), "get");
        verbs.add("coordination.k8s.io/leases " + verb);
        writes += verb.equals("get") ? 0 : 1;
      }
      elector.cancel(true);
      if (writes < 3) {
        throw new AssertionError("the lease lock did not take and renew a Lease in 20 s: " + verbs);
      }
    } finally {
      server.destroy();
    }
    return verbs;
  }
}
