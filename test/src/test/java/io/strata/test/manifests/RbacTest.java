package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, and no account a workload runs as is left without the rights it needs: the
 * drivers of deploy/base and the operator of deploy/operator (OperatorManifestsTest checks the
 * operator's rules against what it creates).
 */
class RbacTest {
  /** The one ClusterRole allowed Secrets in every namespace. */
  static final String OPERATOR_ROLE = "strata-operator";

  private static final List<Manifest> INSTALLED =
      Manifest.all().stream()
          .filter(m -> m.file().startsWith(Repo.BASE) || m.file().startsWith(Repo.OPERATOR))
          .toList();

  /** One binding: who (ServiceAccount namespace/name) gets which role. */
  record Grant(String account, RoleRef role, String where) {}

  static List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (Manifest m : of("ClusterRoleBinding")) {
      ClusterRoleBinding b = m.as(ClusterRoleBinding.class);
      b.getSubjects().forEach(s -> grants.add(new Grant(account(s), b.getRoleRef(), m.where())));
    }
    for (Manifest m : of("RoleBinding")) {
      RoleBinding b = m.as(RoleBinding.class);
      b.getSubjects().forEach(s -> grants.add(new Grant(account(s), b.getRoleRef(), m.where())));
    }
    return grants;
  }

  /**
   * A workload's account exists; it is bound to a role exactly when the pod gets a token (the node
   * plugins mount none and must hold no rights nobody could use).
   */
  @Test
  void everyServiceAccountAWorkloadUsesExistsAndIsBoundWhenItGetsAToken() {
    List<String> problems = new ArrayList<>();
    for (Workload w : Workload.of(INSTALLED)) {
      String name = w.spec().getServiceAccountName();
      String account = "strata/" + name;
      ServiceAccount sa =
          of("ServiceAccount").stream()
              .map(m -> m.as(ServiceAccount.class))
              .filter(s -> s.getMetadata().getName().equals(name))
              .findFirst()
              .orElse(null);
      if (name == null || sa == null) {
        problems.add(w + ": service account " + name + " is not defined");
        continue;
      }
      boolean token =
          !Boolean.FALSE.equals(w.spec().getAutomountServiceAccountToken())
              && !Boolean.FALSE.equals(sa.getAutomountServiceAccountToken());
      boolean bound = grants().stream().anyMatch(g -> g.account().equals(account));
      if (token != bound) {
        problems.add(
            w
                + ": "
                + account
                + (token ? " gets a token but no binding" : " is bound but gets no token"));
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void bindingsNameRolesAndAccountsThatExist() {
    for (Grant g : grants()) {
      assertTrue(
          of(g.role().getKind()).stream().anyMatch(m -> m.name().equals(g.role().getName())),
          g.where() + ": no " + g.role().getKind() + " " + g.role().getName());
      assertTrue(
          of("ServiceAccount").stream().anyMatch(m -> g.account().equals("strata/" + m.name())),
          g.where() + ": no service account " + g.account());
      assertFalse(Set.of("cluster-admin", "admin", "edit").contains(g.role().getName()), g.where());
    }
  }

  /**
   * No wildcard anywhere, and Secrets never cluster-wide, but for the operator: it keeps each
   * CephCluster's keys and its driver's cephx users in that cluster's namespace, wherever it is.
   */
  @Test
  void rulesNameWhatTheyGrant() {
    for (Manifest m : of("ClusterRole")) {
      for (PolicyRule rule : m.as(ClusterRole.class).getRules()) {
        assertNoWildcard(rule, m);
        assertFalse(
            rule.getResources().contains("secrets") && !m.name().equals(OPERATOR_ROLE),
            m.where() + ": secrets cluster-wide");
      }
    }
    for (Manifest m : of("Role")) {
      m.as(Role.class).getRules().forEach(rule -> assertNoWildcard(rule, m));
    }
  }

  /** The sidecars read class secrets with the Role of the namespace the classes name. */
  @Test
  void classSecretsAreReadableWhereTheClassesKeepThem() {
    Stream<String> namespaces =
        Stream.concat(
            of("StorageClass").stream()
                .flatMap(m -> m.as(StorageClass.class).getParameters().entrySet().stream())
                .filter(e -> e.getKey().endsWith("-secret-namespace"))
                .map(e -> e.getValue()),
            of("VolumeSnapshotClass").stream()
                .map(m ->
                    m.tree()
                        .path("parameters")
                        .path("csi.storage.k8s.io/snapshotter-secret-namespace")
                        .asText()));
    for (String namespace : namespaces.distinct().toList()) {
      boolean readable =
          of("Role").stream()
              .map(m -> m.as(Role.class))
              .filter(r -> namespace.equals(r.getMetadata().getNamespace()))
              .flatMap(r -> r.getRules().stream())
              .anyMatch(rule ->
                  rule.getResources().contains("secrets") && rule.getVerbs().contains("get"));
      assertTrue(readable, "no Role lets the sidecars get secrets in " + namespace);
    }
  }

  private static void assertNoWildcard(PolicyRule rule, Manifest m) {
    Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs())
        .filter(Objects::nonNull)
        .forEach(list -> assertFalse(list.contains("*"), m.where() + ": wildcard in " + rule));
  }

  private static String account(Subject s) {
    return s.getKind().equals("ServiceAccount")
        ? s.getNamespace() + "/" + s.getName()
        : s.getKind() + ":" + s.getName();
  }

  private static List<Manifest> of(String kind) {
    return INSTALLED.stream().filter(m -> m.kind().equals(kind)).toList();
  }
}
