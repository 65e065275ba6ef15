package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import java.util.ArrayList;
import java.util.List;

/** A CephCluster's state, with Ceph's own health mirrored in. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephClusterStatus extends ResourceStatus {
  public CephHealth ceph;

  /** The monitors the driver and the other resources connect to, host:port. */
  public List<String> monitors = new ArrayList<>();

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CephHealth {
    @JsonPropertyDescription("HEALTH_OK, HEALTH_WARN or HEALTH_ERR.")
    @PrinterColumn(name = "Health")
    public String health;

    public String fsid;
    public Long capacityBytes;
    public Long usedBytes;
    public Long availableBytes;
    public String lastChecked;
  }
}
