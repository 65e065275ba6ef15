package io.strata.test.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must hold in the operator's pod, as deploy/operator writes it and as kustomize renders it:
 * it runs {@code strata operator} as its own account, not as root, with resources, and with probes
 * on the HTTP port its {@code --metrics-address} serves /healthz on.
 */
final class OperatorChecks {
  static final String COMPONENT = "operator";
  static final String CONTAINER = "operator";
  static final String ACCOUNT = "strata-operator";

  private final Workload pod;
  private final List<String> problems = new ArrayList<>();

  private OperatorChecks(Workload pod) {
    this.pod = pod;
  }

  static List<Workload> operators(List<Workload> workloads) {
    return workloads.stream().filter(w -> w.component().equals(COMPONENT)).toList();
  }

  /** The CSI plugin workloads, which {@link PodSuite} checks. */
  static List<Workload> plugins(List<Workload> workloads) {
    return workloads.stream().filter(w -> !w.component().equals(COMPONENT)).toList();
  }

  static List<String> check(Workload pod) {
    OperatorChecks checks = new OperatorChecks(pod);
    checks.problems.addAll(PodChecks.references(pod));
    checks.require(pod.kind().equals("Deployment"), "must be a Deployment");
    checks.require(ACCOUNT.equals(pod.spec().getServiceAccountName()), "must run as " + ACCOUNT);
    Container operator = pod.container(CONTAINER).orElse(null);
    if (operator == null || pod.spec().getContainers().size() != 1) {
      checks.problems.add(pod + ": one container, named " + CONTAINER);
      return checks.problems;
    }
    List<String> args = Workload.args(operator);
    checks.require(!args.isEmpty() && args.get(0).equals("operator"), "args start with operator");
    checks.probes(operator);
    checks.unprivileged(operator);
    checks.env(operator, "POD_NAME", "metadata.name");
    checks.env(operator, "POD_NAMESPACE", "metadata.namespace");
    ResourceRequirements resources = operator.getResources();
    checks.require(
        resources != null
            && resources.getRequests() != null
            && resources.getRequests().containsKey("cpu")
            && resources.getRequests().containsKey("memory")
            && resources.getLimits() != null
            && resources.getLimits().containsKey("memory"),
        "cpu and memory requests and a memory limit");
    return checks.problems;
  }

  /** Liveness and readiness ask /healthz on the port of --metrics-address. */
  private void probes(Container operator) {
    Optional<String> address = pod.flag(operator, "--metrics-address");
    require(address.isPresent(), "no --metrics-address (/healthz is served there)");
    String port = address.map(a -> a.substring(a.lastIndexOf(':') + 1)).orElse("?");
    for (Probe probe : new Probe[] {operator.getLivenessProbe(), operator.getReadinessProbe()}) {
      require(
          probe != null
              && probe.getHttpGet() != null
              && "/healthz".equals(probe.getHttpGet().getPath())
              && String.valueOf(probe.getHttpGet().getPort().getValue()).equals(port),
          "liveness and readiness probes are not GET /healthz on port " + port);
    }
    require(
        Optional.ofNullable(operator.getPorts()).orElse(List.of()).stream()
            .anyMatch(p -> String.valueOf(p.getContainerPort()).equals(port)),
        "container port " + port + " is not declared");
  }

  /** Not root, no privilege escalation, a read-only root with /tmp on an emptyDir. */
  private void unprivileged(Container operator) {
    PodSecurityContext podSecurity = pod.spec().getSecurityContext();
    require(
        podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot()),
        "pod securityContext.runAsNonRoot must be true");
    SecurityContext security = operator.getSecurityContext();
    require(
        security != null
            && Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
            && Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
            && !Boolean.TRUE.equals(security.getPrivileged()),
        "container must not escalate and must have a read-only root filesystem");
    require(
        Workload.mountAt(operator, "/tmp")
            .flatMap(m -> pod.volume(m.getName()))
            .map(v -> v.getEmptyDir() != null)
            .orElse(false),
        "/tmp is not an emptyDir (JNA and netty unpack native libraries there)");
    require(!Boolean.TRUE.equals(pod.spec().getHostNetwork()), "no host network");
  }

  private void env(Container operator, String name, String fieldPath) {
    Optional<EnvVar> env = pod.env(operator, name);
    require(
        env.map(e ->
                e.getValueFrom() != null
                    && e.getValueFrom().getFieldRef() != null
                    && fieldPath.equals(e.getValueFrom().getFieldRef().getFieldPath()))
            .orElse(false),
        "env " + name + " is not the downward API's " + fieldPath);
  }

  private void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(pod + ": " + problem);
    }
  }
}
