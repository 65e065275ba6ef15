package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The values {@link PoolSpec#compressionMode} accepts (Ceph's {@code compression_mode}), as the CRD
 * schema's enum; the field stays a String (the schema is taken from here with {@code @SchemaFrom}).
 */
public enum CompressionMode {
  @JsonProperty("none")
  NONE,
  @JsonProperty("passive")
  PASSIVE,
  @JsonProperty("aggressive")
  AGGRESSIVE,
  @JsonProperty("force")
  FORCE
}
