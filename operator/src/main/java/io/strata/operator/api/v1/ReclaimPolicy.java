package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values {@link StorageClassSpec#reclaimPolicy} accepts, as the CRD schema's enum; the field
 * stays a String (the schema is taken from here with {@code @SchemaFrom}).
 */
public enum ReclaimPolicy {
  @JsonProperty("Delete")
  DELETE,
  @JsonProperty("Retain")
  RETAIN
}
