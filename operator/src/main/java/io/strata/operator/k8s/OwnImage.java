package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;

/**
 * The image the operator's own pod runs, found from the downward API's POD_NAME and POD_NAMESPACE:
 * the driver it installs is the same build, whatever registry an overlay pointed the Deployment at.
 */
public final class OwnImage {
  private static final String CONTAINER = "operator";

  private OwnImage() {}

  public static Optional<String> of(KubernetesClient client) {
    String name = System.getenv("POD_NAME");
    String namespace = System.getenv("POD_NAMESPACE");
    if (name == null || namespace == null) {
      return Optional.empty();
    }
    try {
      Pod pod = client.pods().inNamespace(namespace).withName(name).get();
      return pod == null
          ? Optional.empty()
          : pod.getSpec().getContainers().stream()
              .filter(c -> c.getName().equals(CONTAINER))
              .map(c -> c.getImage())
              .findFirst();
    } catch (KubernetesClientException e) {
      return Optional.empty();
    }
  }
}
