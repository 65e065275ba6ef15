package io.strata.operator.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes an object what this operator wants it to be: creates it, or replaces the one there. Every
 * object it creates is labelled with its owner ({@value #OWNER_LABEL}); a namespaced one also gets
 * its owner's namespace and a controller reference to the owner, so deleting the owner removes it.
 * What others made is never adopted, and so never removed. Cluster-scoped objects cannot have a
 * namespaced owner: their reconciler deletes them by the label.
 *
 * <p>Each object carries a hash of what was last written ({@value #APPLIED}), and an object whose
 * hash matches is not written again. A replace drops what others added (the deployment controller's
 * revision annotation, say); they add it back, which would wake a reconciler watching these objects
 * and replace again, forever. The price: a hand edit stays until the wanted object changes.
 * (Create-or-replace rather than server-side apply: fabric8's mock API server cannot create by
 * apply.)
 */
public final class Applier {
  static final String APPLIED = "strata.io/applied-hash";

  /** Names the owning resource as namespace.name, for cluster-scoped objects' clean-up. */
  public static final String OWNER_LABEL = "ceph.strata.io/owner";

  /** Sorted keys: the same object always hashes the same. */
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final KubernetesClient client;

  public Applier(KubernetesClient client) {
    this.client = client;
  }

  /** Applies each object as {@code owner}'s. */
  public void applyAll(List<? extends HasMetadata> desired, HasMetadata owner) {
    desired.forEach(object -> apply(object, owner));
  }

  /**
   * Applies {@code desired} as {@code owner}'s. An object of that name someone else made (no owner
   * label of {@code owner}: a Secret made with the docs' commands, a ServiceAccount from {@code
   * kubectl apply -k deploy/}) is updated but never adopted, so deleting the owner leaves it.
   */
  public <T extends HasMetadata> T apply(T desired, HasMetadata owner) {
    if (desired instanceof Namespaced) {
      desired.getMetadata().setNamespace(owner.getMetadata().getNamespace());
    }
    T found = client.resource(desired).get();
    if (found == null || isOwnedBy(found, owner)) {
      own(desired, owner);
    }
    String hash = hash(desired);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (desired.getMetadata().getAnnotations() != null) {
      annotations.putAll(desired.getMetadata().getAnnotations());
    }
    annotations.put(APPLIED, hash);
    desired.getMetadata().setAnnotations(annotations);
    // only for our own objects does the hash say what they hold: one that someone else made
    // (kubectl apply -k deploy/) keeps our annotation when they change it again, so it is always
    // updated (seen on a real cluster: plugins left on deploy/'s ConfigMap of another cluster)
    if (found != null
        && isOwnedBy(found, owner)
        && found.getMetadata().getAnnotations() != null
        && hash.equals(found.getMetadata().getAnnotations().get(APPLIED))) {
      return found;
    }
    return client.resource(desired).createOr(NonDeletingOperation::update);
  }

  /**
   * Deletes the Deployments with all of {@code labels} except those named in {@code keep}: daemons
   * the spec no longer asks for.
   */
  public void removeDeploymentsExcept(
      String namespace, Map<String, String> labels, Set<String> keep) {
    List<Deployment> extra =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withLabels(labels)
            .list()
            .getItems()
            .stream()
            .filter(d -> !keep.contains(d.getMetadata().getName()))
            .toList();
    if (!extra.isEmpty()) {
      client.resourceList(extra).delete();
    }
  }

  /** Labels {@code object} with its owner and puts it, if namespaced, under the owner's control. */
  public static <T extends HasMetadata> T own(T object, HasMetadata owner) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (object.getMetadata().getLabels() != null) {
      labels.putAll(object.getMetadata().getLabels());
    }
    labels.put(OWNER_LABEL, ownerLabel(owner));
    object.getMetadata().setLabels(labels);
    if (object instanceof Namespaced) {
      object.getMetadata().setNamespace(owner.getMetadata().getNamespace());
      object.getMetadata().setOwnerReferences(List.of(reference(owner)));
    }
    return object;
  }

  /** Whether {@code owner} made the object (it carries the owner label). */
  public static boolean isOwnedBy(HasMetadata object, HasMetadata owner) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && ownerLabel(owner).equals(labels.get(OWNER_LABEL));
  }

  /** The label value that finds {@code owner}'s objects. */
  public static String ownerLabel(HasMetadata owner) {
    return owner.getMetadata().getNamespace() + "." + owner.getMetadata().getName();
  }

  public static OwnerReference reference(HasMetadata owner) {
    if (owner.getMetadata().getUid() == null) {
      throw new IllegalArgumentException(
          owner.getKind() + " " + owner.getMetadata().getName() + " has no uid: read it first");
    }
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static String hash(HasMetadata object) {
    try {
      return sha256(CANONICAL.writeValueAsBytes(CANONICAL.convertValue(object, Map.class)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot hash " + object.getKind(), e);
    }
  }

  /** Hex SHA-256 of the text's UTF-8 bytes. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
