package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CephCluster asks for; field names follow Rook's CephCluster. The annotations shape the
 * generated CRD (deploy/operator/crds/): what the API server refuses at apply time, and what {@code
 * kubectl explain} and {@code kubectl get} show.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephClusterSpec {
  @JsonPropertyDescription("The container image that runs the Ceph daemons.")
  public CephVersion cephVersion;

  /** Host directory for mon stores, OSD files and configuration on every node. */
  @JsonPropertyDescription(
      "Host directory for mon stores, OSD files and configuration on every node (absolute).")
  @Pattern(Schema.ABSOLUTE_PATH)
  @Default("/var/lib/strata")
  @PrinterColumn(name = "DataDirHostPath")
  public String dataDirHostPath = "/var/lib/strata";

  /** Accepted for Rook compatibility; Strata does no upgrades yet. */
  @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Strata does no upgrades yet.")
  public Boolean skipUpgradeChecks;

  @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Strata does no upgrades yet.")
  public Boolean continueUpgradeAfterChecksEvenIfNotHealthy;

  @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Strata does no upgrades yet.")
  public IntOrString upgradeCheckInterval;

  @JsonPropertyDescription("The Ceph monitors.")
  @Default("{}")
  public MonSpec mon = new MonSpec();

  @JsonPropertyDescription("The Ceph managers and their modules.")
  @Default("{}")
  public MgrSpec mgr = new MgrSpec();

  @JsonPropertyDescription("The Ceph dashboard (a mgr module).")
  public DashboardSpec dashboard;

  @JsonPropertyDescription("How the Ceph daemons are reached.")
  public NetworkSpec network;

  @JsonPropertyDescription("Where OSDs keep data.")
  public StorageSpec storage;

  @JsonPropertyDescription(Schema.NOT_ACTED_ON + " Strata sets up no Prometheus rules yet.")
  public MonitoringSpec monitoring;

  /** Connect to a Ceph cluster that runs elsewhere and install only the CSI driver. */
  @JsonPropertyDescription(
      "Connect to a Ceph cluster that runs elsewhere and install only the CSI driver.")
  public ExternalSpec external;

  @JsonPropertyDescription("The Strata CSI driver (rbd and cephfs) the operator installs.")
  @Default("{}")
  public CsiSpec csi = new CsiSpec();

  /** The container image that runs Ceph daemons. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CephVersion {
    @JsonPropertyDescription("Image of the Ceph daemons, e.g. quay.io/ceph/ceph:v20.2.4.")
    public String image;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public Boolean allowUnsupported;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MonSpec {
    @JsonPropertyDescription("Number of monitors, 1 to 9; odd numbers survive the most failures.")
    @Min(1)
    @Max(9)
    @Default("3")
    @PrinterColumn(name = "MonCount")
    public int count = 3;

    /** Several mons on one node: only for test clusters, a node failure then loses quorum. */
    @JsonPropertyDescription(
        "Allow several mons on one node: for test clusters only, a node failure then loses"
            + " quorum.")
    public boolean allowMultiplePerNode;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MgrSpec {
    @JsonPropertyDescription("Number of managers, 1 (active) or 2 (active and standby).")
    @Min(1)
    @Max(2)
    @Default("1")
    public int count = 1;

    @JsonPropertyDescription("Manager modules to enable or disable, e.g. pg_autoscaler.")
    public List<MgrModule> modules = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MgrModule {
    @JsonPropertyDescription("The module's name as `ceph mgr module ls` lists it.")
    @Required
    public String name;

    @JsonPropertyDescription("Enable (true) or disable (false) the module.")
    @Default("true")
    public boolean enabled = true;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DashboardSpec {
    @JsonPropertyDescription("Enable the dashboard mgr module.")
    public boolean enabled;

    @JsonPropertyDescription(
        "Port the dashboard serves plain HTTP on (Ceph's default when absent).")
    @Min(1)
    @Max(65535)
    public Integer port;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON + " The dashboard serves plain HTTP.")
    public Boolean ssl;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NetworkSpec {
    /** Rook's host or multus; other values are accepted and reported as not acted on. */
    @JsonPropertyDescription(
        "Rook's network provider: host is acted on; other values (multus, flannel...) are"
            + " accepted and reported in status.ignoredFields.")
    public String provider;

    @JsonPropertyDescription(
        "Run the mgr, OSD and MDS pods in the host network (true when absent); mons always are.")
    public Boolean hostNetwork;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class StorageSpec {
    @JsonPropertyDescription("Run OSDs on every node (with directories: one OSD per directory).")
    public boolean useAllNodes;

    @JsonPropertyDescription(
        Schema.NOT_ACTED_ON + " Raw devices are not prepared yet; use directories.")
    public boolean useAllDevices;

    @JsonPropertyDescription(
        Schema.NOT_ACTED_ON + " Raw devices are not prepared yet; use directories.")
    public String deviceFilter;

    @JsonPropertyDescription("Nodes that run OSDs, each with its own directories.")
    public List<NodeSpec> nodes = new ArrayList<>();

    /** File-backed OSDs (a sparse file in each directory): for test and demo clusters. */
    @JsonPropertyDescription(
        "File-backed OSDs, a sparse file in each directory on every OSD node: for test and demo"
            + " clusters.")
    public List<DirectorySpec> directories = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NodeSpec {
    @JsonPropertyDescription("The node's name (its kubernetes.io/hostname label).")
    @Required
    public String name;

    @JsonPropertyDescription(
        Schema.NOT_ACTED_ON + " Raw devices are not prepared yet; use directories.")
    public List<DeviceSpec> devices = new ArrayList<>();

    @JsonPropertyDescription(
        Schema.NOT_ACTED_ON + " Raw devices are not prepared yet; use directories.")
    public String deviceFilter;

    @JsonPropertyDescription("File-backed OSDs on this node.")
    public List<DirectorySpec> directories = new ArrayList<>();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DeviceSpec {
    @JsonPropertyDescription("A device name, e.g. sdb.")
    public String name;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DirectorySpec {
    @JsonPropertyDescription("Absolute host path of the directory that holds the OSD's file.")
    @Required
    @Pattern(Schema.ABSOLUTE_PATH)
    public String path;

    /** Size of the OSD's sparse file, a Kubernetes quantity. */
    @JsonPropertyDescription("Size of the OSD's sparse file, a quantity such as 10Gi.")
    @Pattern(Schema.SIZE)
    @Default("10Gi")
    public String size = "10Gi";
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MonitoringSpec {
    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public boolean enabled;

    @JsonPropertyDescription(Schema.NOT_ACTED_ON)
    public String rulesNamespace;

    /** Alerting rules as the user wrote them; kept, not interpreted. */
    @JsonPropertyDescription(
        Schema.NOT_ACTED_ON + " Alerting rules as written; kept, not interpreted.")
    @PreserveUnknownFields
    public JsonNode rules;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "!has(self.enable) || !self.enable || (has(self.monitors) && size(self.monitors) > 0"
              + " && has(self.adminSecretName) && size(self.adminSecretName) > 0)",
      message = "external.enable needs monitors and adminSecretName")
  public static class ExternalSpec {
    @JsonPropertyDescription(
        "Connect to the Ceph cluster at monitors instead of running one; needs monitors and"
            + " adminSecretName.")
    public boolean enable;

    /** Monitor addresses, host:port. */
    @JsonPropertyDescription("Monitor addresses, host:port.")
    public List<String> monitors = new ArrayList<>();

    /** Secret in this namespace with keys userID and userKey: a user allowed to create users. */
    @JsonPropertyDescription(
        "Secret in this namespace with keys userID and userKey: a Ceph user allowed to create"
            + " pools and users.")
    @Pattern(Schema.DNS_SUBDOMAIN)
    public String adminSecretName;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class CsiSpec {
    /** Install the rbd and cephfs CSI drivers for this cluster. */
    @JsonPropertyDescription("Install the rbd and cephfs CSI drivers for this cluster.")
    @Default("true")
    public boolean enabled = true;

    /** The strata image the driver runs; the operator's own image when absent. */
    @JsonPropertyDescription("The strata image the driver runs; the operator's own when absent.")
    public String image;
  }
}
