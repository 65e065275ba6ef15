package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** A CephFS filesystem: its pools, metadata servers and the CSI subvolume group. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.dataPools) && size(self.dataPools) > 0",
    message = "dataPools needs at least one pool")
public class CephFilesystemSpec {
  @JsonPropertyDescription("The metadata pool, <filesystem>-metadata.")
  @Default("{}")
  public PoolSpec metadataPool = new PoolSpec();

  @JsonPropertyDescription(
      "The data pools, at least one; the first is the default one. A pool is called"
          + " <filesystem>-<name>, or <filesystem>-data<index> without a name.")
  public List<NamedPoolSpec> dataPools = new ArrayList<>();

  /** Keep the pools (and their data) when the resource is deleted. */
  @JsonPropertyDescription(
      "Keep the pools (and their data) when the resource is deleted. Default true, unlike Rook.")
  @Default("true")
  public boolean preservePoolsOnDelete = true;

  /** Keep the filesystem itself when the resource is deleted. */
  @JsonPropertyDescription("Keep the filesystem itself when the resource is deleted.")
  public boolean preserveFilesystemOnDelete;

  @JsonPropertyDescription("The metadata server (MDS) daemons.")
  @Default("{}")
  public MetadataServerSpec metadataServer = new MetadataServerSpec();

  @JsonPropertyDescription("A StorageClass for CephFS volumes, kept by the operator.")
  public StorageClassSpec storageClass;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MetadataServerSpec {
    @JsonPropertyDescription("Active MDS daemons, 1 to 50; as many standbys run beside them.")
    @Min(1)
    @Max(50)
    @Default("1")
    public int activeCount = 1;

    /** Standbys follow the active MDS journal (faster failover). */
    @JsonPropertyDescription("Standbys follow the active MDS journal (faster failover).")
    @Default("true")
    public boolean activeStandby = true;
  }
}
