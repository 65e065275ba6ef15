package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * deploy/operator: the operator's pod, its generated CRDs, and RBAC that is exactly what its
 * reconcilers need. The rights are derived where the files say them (the driver objects of
 * deploy/base it installs per CephCluster, the Role it hands the sidecars, the ClusterRoles it
 * binds, the CRDs) and listed here where only the reconcilers' code does.
 */
class OperatorManifestsTest {
  private static final List<Manifest> OPERATOR =
      Manifest.all().stream().filter(m -> m.file().startsWith(Repo.OPERATOR)).toList();
  private static final List<Manifest> BASE =
      Manifest.all().stream().filter(m -> m.file().startsWith(Repo.BASE)).toList();

  /** The base files the operator bundles and installs for a CephCluster (operator/pom.xml). */
  private static final List<String> DRIVER_FILES =
      List.of(
          "csidriver-rbd.yaml",
          "csidriver-cephfs.yaml",
          "controller/rbd.yaml",
          "controller/cephfs.yaml",
          "node/rbd.yaml",
          "node/cephfs.yaml",
          "rbac/controller-serviceaccount.yaml",
          "rbac/node-serviceaccount.yaml",
          "rbac/controller-namespace.yaml");

  private static final List<String> WRITE =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");

  @Test
  void operatorPodPassesItsChecks() {
    List<Workload> pods = Workload.of(OPERATOR);
    assertEquals(1, pods.size(), "one operator Deployment");
    assertEquals(List.of(), OperatorChecks.check(pods.get(0)));
    Deployment deployment =
        OPERATOR.stream()
            .filter(m -> m.kind().equals("Deployment"))
            .findFirst()
            .orElseThrow()
            .as(Deployment.class);
    assertEquals(2, deployment.getSpec().getReplicas(), "two replicas, one leader");
    assertEquals(
        "strata",
        pods.get(0).container(OperatorChecks.CONTAINER).orElseThrow().getImage(),
        "the image is named in base/kustomization.yaml only");
  }

  /** The args parse with the real {@code strata operator}, as they would in the pod. */
  @Test
  void operatorArgsAreWhatTheStrataCommandAccepts() {
    CommandLine strata = new CommandLine(new StrataCommand());
    Assumptions.assumeTrue(
        strata.getSubcommands().containsKey("operator"),
        "this strata command has no operator subcommand yet");
    List<String> args =
        Workload.args(
            Workload.of(OPERATOR).get(0).container(OperatorChecks.CONTAINER).orElseThrow());
    CommandLine.ParseResult parsed = strata.parseArgs(args.toArray(String[]::new));
    assertEquals("operator", parsed.subcommand().commandSpec().name());
    assertTrue(parsed.subcommand().hasMatchedOption("--metrics-address"));
  }

  /**
   * Each CRD file is a kustomization resource, of our group, v1 only, with a status subresource.
   */
  @Test
  void crdsAreTheGeneratedV1Crds() {
    List<Manifest> crds =
        OPERATOR.stream().filter(m -> m.kind().equals("CustomResourceDefinition")).toList();
    assertEquals(
        Set.of("CephCluster", "CephBlockPool", "CephFilesystem"),
        Set.copyOf(
            crds.stream()
                .map(m -> m.tree().path("spec").path("names").path("kind").asText())
                .toList()));
    for (Manifest crd : crds) {
      assertEquals("apiextensions.k8s.io/v1", crd.apiVersion(), crd.where());
      assertTrue(crd.file().startsWith(Repo.OPERATOR.resolve("crds")), crd.where());
      assertTrue(Repo.read(crd.file()).startsWith("# Generated from"), crd.where());
      JsonNode spec = crd.tree().path("spec");
      assertEquals("ceph.strata.io", spec.path("group").asText(), crd.where());
      assertEquals(1, spec.path("versions").size(), crd.where() + ": v1 only");
      assertTrue(spec.path("versions").path(0).path("subresources").has("status"), crd.where());
    }
  }

  /**
   * The operator's ClusterRole grants exactly what its reconcilers use: no right missing (the
   * reconcile fails with Forbidden), none extra.
   */
  @Test
  void operatorRoleGrantsExactlyWhatTheReconcilersNeed() throws InterruptedException {
    Set<String> needed = new TreeSet<>();
    // the driver objects it installs for a CephCluster, server-side applied; cluster-scoped ones
    // carry an owner label and are deleted by it
    for (String file : DRIVER_FILES) {
      Path path = Repo.BASE.resolve(file);
      for (Manifest m : Manifest.parse(Repo.read(path), path)) {
        needWrite(needed, m.typed().getClass());
      }
    }
    for (Manifest m : base("ClusterRoleBinding")) {
      needWrite(needed, ClusterRoleBinding.class);
      // binding a role it does not hold itself needs `bind` on that role
      needed.add(
          "rbac.authorization.k8s.io/clusterroles bind "
              + m.as(ClusterRoleBinding.class).getRoleRef().getName());
    }
    // creating the sidecars' Role needs every right it grants (escalation prevention)
    for (Manifest m : base("Role")) {
      for (PolicyRule rule : m.as(Role.class).getRules()) {
        needed.addAll(expand(rule));
      }
    }
    // its own kinds: watched, finalizers patched, status written; owner references to them
    for (Manifest crd :
        OPERATOR.stream().filter(m -> m.kind().equals("CustomResourceDefinition")).toList()) {
      String group = crd.tree().path("spec").path("group").asText();
      String plural = crd.tree().path("spec").path("names").path("plural").asText();
      for (String verb : List.of("get", "list", "watch", "patch", "update")) {
        needed.add(group + "/" + plural + " " + verb);
      }
      for (String verb : List.of("get", "patch", "update")) {
        needed.add(group + "/" + plural + "/status " + verb);
      }
      needed.add(group + "/" + plural + "/finalizers update");
    }
    // what only the reconcilers' code says: Ceph's keys and the CSI users (Secrets), ceph.conf
    // and the plugins' config (ConfigMaps), the mons' Services, the pools' StorageClasses
    needWrite(needed, Secret.class);
    needWrite(needed, ConfigMap.class);
    needWrite(needed, Service.class);
    needWrite(needed, StorageClass.class);
    for (String verb : List.of("get", "list", "watch")) {
      needed.add("/pods " + verb); // its own pod's image, the daemons' pods
    }
    // what libraries send for it: JOSDK's leader election between the operator's replicas
    needed.addAll(LeaseLockVerbs.recorded());
    needed.add("/nodes get"); // mons spread over nodes
    needed.add("/nodes list");
    for (String group : List.of("", "events.k8s.io")) {
      for (String verb : List.of("create", "update", "patch")) {
        needed.add(group + "/events " + verb);
      }
    }

    ClusterRole role =
        OPERATOR.stream()
            .filter(m -> m.kind().equals("ClusterRole"))
            .findFirst()
            .orElseThrow()
            .as(ClusterRole.class);
    Set<String> granted = new TreeSet<>();
    role.getRules().forEach(rule -> granted.addAll(expand(rule)));
    assertEquals(
        List.of(),
        needed.stream().filter(r -> !granted.contains(r)).toList(),
        "needed, not granted");
    assertEquals(
        List.of(),
        granted.stream().filter(r -> !needed.contains(r)).toList(),
        "granted, not needed");
    assertEquals(RbacTest.OPERATOR_ROLE, role.getMetadata().getName());
  }

  /** The operator's account is bound to its ClusterRole, cluster-wide, and to nothing else. */
  @Test
  void operatorAccountIsBoundToItsRole() {
    List<RbacTest.Grant> grants =
        RbacTest.grants().stream()
            .filter(g -> g.account().equals("strata/" + OperatorChecks.ACCOUNT))
            .toList();
    assertEquals(1, grants.size(), grants.toString());
    assertEquals("ClusterRole", grants.get(0).role().getKind());
    assertEquals(RbacTest.OPERATOR_ROLE, grants.get(0).role().getName());
  }

  private static void needWrite(Set<String> needed, Class<?> type) {
    @SuppressWarnings("unchecked")
    Class<? extends HasMetadata> kind = (Class<? extends HasMetadata>) type;
    String resource = HasMetadata.getGroup(kind) + "/" + HasMetadata.getPlural(kind);
    WRITE.forEach(verb -> needed.add(resource + " " + verb));
    if (!Namespaced.class.isAssignableFrom(kind)) {
      needed.add(resource + " deletecollection");
    }
  }

  /** A rule as "group/resource verb[ name]" lines. */
  private static List<String> expand(PolicyRule rule) {
    List<String> lines = new ArrayList<>();
    List<String> names =
        rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
            ? List.of("")
            : rule.getResourceNames();
    for (String group : rule.getApiGroups()) {
      for (String resource : rule.getResources()) {
        for (String verb : rule.getVerbs()) {
          for (String name : names) {
            lines.add(group + "/" + resource + " " + verb + (name.isEmpty() ? "" : " " + name));
          }
        }
      }
    }
    return lines;
  }

  private static List<Manifest> base(String kind) {
    return BASE.stream()
        .filter(m -> m.kind().equals(kind))
        .filter(m -> m.file().startsWith(Repo.BASE.resolve("rbac")))
        .toList();
  }
}
