package io.strata.operator.api.v1;

/**
 * Texts the CRD schema repeats: the regular expressions of {@code @Pattern} (the API server runs
 * them with Go's RE2: no look-around, no back-references) and the description of fields accepted
 * for Rook compatibility but not acted on.
 */
final class Schema {
  /** A DNS-1123 label: lower-case letters, digits and '-', at most 63, alphanumeric at the ends. */
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /** A DNS-1123 subdomain (its length limit of 253 is a separate rule). */
  static final String DNS_SUBDOMAIN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** A non-negative Kubernetes quantity: 10Gi, 512M, 1.5T, 1073741824. */
  static final String SIZE = "^([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([KMGTPE]i|[kMGTPE])?$";

  /** An absolute path. */
  static final String ABSOLUTE_PATH = "^/";

  static final String NOT_ACTED_ON =
      "Accepted for Rook compatibility, not acted on: listed in status.ignoredFields when set.";

  private Schema() {}
}
