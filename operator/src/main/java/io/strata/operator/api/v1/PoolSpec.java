package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Ceph pool as Rook describes one: replication, failure domain, compression, raw settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PoolSpec {
  /** CRUSH bucket type replicas are spread over: osd, host, rack, root... */
  @JsonPropertyDescription(
      "CRUSH bucket type the replicas are spread over: osd, host, rack, root... (a CRUSH rule"
          + " per failure domain).")
  @Pattern(Schema.DNS_LABEL)
  public String failureDomain;

  @JsonPropertyDescription("Only OSDs of this device class (hdd, ssd, nvme) hold the pool.")
  public String deviceClass;

  @JsonPropertyDescription("Replication: the number of copies.")
  @Default("{}")
  public ReplicatedSpec replicated = new ReplicatedSpec();

  /** Accepted for Rook compatibility, not acted on: Strata makes replicated pools only. */
  @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Strata makes replicated pools only.")
  public ErasureCodedSpec erasureCoded;

  /** none, passive, aggressive or force. */
  @JsonPropertyDescription(
      "Ceph's compression_mode for the pool: none, passive, aggressive, force.")
  @SchemaFrom(type = CompressionMode.class)
  public String compressionMode;

  /** Raw {@code ceph osd pool set} settings. */
  @JsonPropertyDescription("Raw `ceph osd pool set <pool> <key> <value>` settings.")
  public Map<String, String> parameters = new LinkedHashMap<>();

  /** Accepted for Rook compatibility, not acted on yet. */
  @JsonPropertyDescription(Schema.NOT_ACTED_ON)
  public MirroringSpec mirroring;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "!has(self.size) || self.size != 1"
              + " || (has(self.requireSafeReplicaSize) && !self.requireSafeReplicaSize)",
      message = "replicated.size 1 needs requireSafeReplicaSize: false (one copy loses data)")
  public static class ReplicatedSpec {
    @JsonPropertyDescription("Number of copies, 1 to 10.")
    @Min(1)
    @Max(10)
    @Default("3")
    public int size = 3;

    /** Refuse size 1: a pool with one copy loses data with its OSD. */
    @JsonPropertyDescription(
        "Refuse size 1: a pool with one copy loses data with its OSD. Set false for test"
            + " clusters with one OSD.")
    @Default("true")
    public boolean requireSafeReplicaSize = true;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public Double targetSizeRatio;

    /** Accepted for Rook compatibility, not acted on (stretch clusters). */
    @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Stretch clusters are not supported.")
    public IntOrString stretchThreshold;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ErasureCodedSpec {
    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public Integer dataChunks;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public Integer codingChunks;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MirroringSpec {
    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public boolean enabled;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public String mode;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public IntOrString interval;
  }
}
