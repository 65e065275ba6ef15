package io.strata.node.attach;

import java.util.Objects;

/**
 * An RBD image as the rbd tools name it: {@code pool/image}, or {@code pool/namespace/image} in a
 * RADOS namespace.
 */
public record ImageSpec(String pool, String namespace, String image) {
  public ImageSpec {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(image, "image");
    namespace = namespace == null ? "" : namespace;
    check("pool", pool, false);
    check("radosNamespace", namespace, true);
    check("imageName", image, false);
  }

  private static void check(String what, String value, boolean mayBeEmpty) {
    if (value.isEmpty() && !mayBeEmpty) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.contains("/")
        || value.contains("@")
        || value.chars().anyMatch(Character::isISOControl)
        || value.startsWith("-")) {
      throw new IllegalArgumentException(what + " '" + value + "' is not a valid RBD name");
    }
  }

  /** The spec the rbd tools take. */
  public String spec() {
    return namespace.isEmpty() ? pool + "/" + image : pool + "/" + namespace + "/" + image;
  }

  @Override
  public String toString() {
    return spec();
  }
}
