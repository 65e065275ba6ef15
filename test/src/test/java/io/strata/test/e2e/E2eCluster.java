package io.strata.test.e2e;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.strata.csi.identity.PluginInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The cluster of $KUBECONFIG with Strata in it, shared by every e2e class of a run. Without
 * KUBECONFIG, with a cluster that does not answer or without Strata's CSIDrivers, every e2e class
 * is skipped and the reason printed once. With {@code -Dstrata.e2e.install=<kustomization dir>} the
 * suite first runs {@code kubectl apply -k} on it and waits for the plugins.
 */
final class E2eCluster implements ExecutionCondition, ParameterResolver {
  private static final String NAMESPACE = "strata";

  /** The client, or why there is none; closed with the root context at the end of the run. */
  record Connection(KubernetesClient client, String skipReason, E2eSettings settings)
      implements AutoCloseable {
    @Override
    public void close() {
      if (client != null) {
        client.close();
      }
    }
  }

  /** Decided before any test instance exists, so a skipped class touches nothing. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Connection connection = connection(context);
    return connection.client() != null
        ? ConditionEvaluationResult.enabled("cluster reachable, Strata installed")
        : ConditionEvaluationResult.disabled(connection.skipReason());
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == E2eSettings.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Connection connection = connection(context);
    return parameter.getParameter().getType() == E2eSettings.class
        ? connection.settings()
        : connection.client();
  }

  private static Connection connection(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .computeIfAbsent(E2eCluster.class, k -> connect(), Connection.class);
  }

  private static Connection connect() {
    E2eSettings settings = E2eSettings.fromSystemProperties();
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return skip("KUBECONFIG is not set", settings);
    }
    Config config = Config.autoConfigure(null);
    config.setConnectionTimeout(5_000);
    config.setRequestTimeout(30_000);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    try {
      client.getKubernetesVersion();
    } catch (RuntimeException e) {
      client.close();
      return skip(
          "the cluster of KUBECONFIG=" + kubeconfig + " does not answer: " + rootCause(e),
          settings);
    }
    settings.install().ifPresent(dir -> install(client, dir, settings));
    Optional<String> missing =
        List.of(PluginInfo.RBD_DRIVER, PluginInfo.CEPHFS_DRIVER).stream()
            .filter(d -> client.storage().v1().csiDrivers().withName(d).get() == null)
            .findFirst();
    if (missing.isPresent()) {
      client.close();
      return skip(
          "Strata is not installed (no CSIDriver "
              + missing.get()
              + "); install it or pass -Dstrata.e2e.install=deploy",
          settings);
    }
    return new Connection(client, null, settings);
  }

  private static String rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  private static Connection skip(String reason, E2eSettings settings) {
    System.err.println("e2e: skipped, " + reason + " (docs/deploy.md, \"End-to-end tests\")");
    return new Connection(null, reason, settings);
  }

  /** kubectl apply -k, then every Strata Deployment available and DaemonSet ready. */
  private static void install(KubernetesClient client, String dir, E2eSettings settings) {
    Path kustomization = Path.of(System.getProperty("strata.repo", "..")).resolve(dir);
    try {
      Process kubectl =
          new ProcessBuilder("kubectl", "apply", "-k", kustomization.toString())
              .inheritIO()
              .start();
      if (!kubectl.waitFor(5, TimeUnit.MINUTES) || kubectl.exitValue() != 0) {
        throw new IllegalStateException("kubectl apply -k " + kustomization + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kubectl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long seconds = settings.timeout().toSeconds();
    for (String name : List.of("strata-rbd-controller", "strata-cephfs-controller")) {
      client
          .apps()
          .deployments()
          .inNamespace(NAMESPACE)
          .withName(name)
          .waitUntilReady(seconds, TimeUnit.SECONDS);
    }
    for (String name : List.of("strata-fuse-holder", "strata-rbd-node", "strata-cephfs-node")) {
      client
          .apps()
          .daemonSets()
          .inNamespace(NAMESPACE)
          .withName(name)
          .waitUntilCondition(
              ds ->
                  ds != null
                      && ds.getStatus() != null
                      && ds.getStatus().getDesiredNumberScheduled() != null
                      && ds.getStatus().getDesiredNumberScheduled() > 0
                      && ds.getStatus()
                          .getDesiredNumberScheduled()
                          .equals(ds.getStatus().getNumberReady()),
              seconds,
              TimeUnit.SECONDS);
    }
  }
}
