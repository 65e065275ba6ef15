package io.strata.ceph;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of the cluster configuration file that maps a clusterID (the StorageClass parameter) to
 * its monitors. The file is a JSON array in the layout ceph-csi users already know: {@code
 * [{"clusterID": "...", "monitors": ["10.0.0.1:6789"], "rbd": {"radosNamespace": ""}, "cephFS":
 * {"subvolumeGroup": "csi"}}]}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterConfig(
    @JsonProperty("clusterID") String clusterId,
    @JsonProperty("monitors") List<String> monitors,
    @JsonProperty("rbd") Rbd rbd,
    @JsonProperty("cephFS") CephFs cephFs) {

  public static final String DEFAULT_SUBVOLUME_GROUP = "csi";

  public ClusterConfig {
    if (clusterId == null || clusterId.isBlank()) {
      throw new IllegalArgumentException("cluster config entry without clusterID");
    }
    if (monitors == null || monitors.isEmpty()) {
      throw new IllegalArgumentException("cluster " + clusterId + " lists no monitors");
    }
    monitors = List.copyOf(monitors);
    rbd = rbd == null ? new Rbd("") : rbd;
    cephFs = cephFs == null ? new CephFs(DEFAULT_SUBVOLUME_GROUP) : cephFs;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Rbd(@JsonProperty("radosNamespace") String radosNamespace) {
    public Rbd {
      radosNamespace = radosNamespace == null ? "" : radosNamespace;
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CephFs(@JsonProperty("subvolumeGroup") String subvolumeGroup) {
    public CephFs {
      subvolumeGroup =
          subvolumeGroup == null || subvolumeGroup.isBlank()
              ? DEFAULT_SUBVOLUME_GROUP
              : subvolumeGroup;
    }
  }
}
