package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/** A block pool's state; the sizes are for {@code kubectl get} ("35 GiB"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephBlockPoolStatus extends ResourceStatus {
  public Long poolId;

  @JsonPropertyDescription("Space the pool can still take (\"35 GiB\").")
  @PrinterColumn(name = "Avail")
  public String available;

  @JsonPropertyDescription("Space the pool's data takes (\"10 KiB\").")
  @PrinterColumn(name = "Used")
  public String used;

  @JsonPropertyDescription("Used plus available (\"37 GiB\").")
  @PrinterColumn(name = "Capacity")
  public String capacity;

  @JsonPropertyDescription("The cluster's health when the pool was last reconciled.")
  @PrinterColumn(name = "Status")
  public String health;
}
