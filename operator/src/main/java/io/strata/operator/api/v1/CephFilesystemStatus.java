package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;

/** A filesystem's state; size and available share are for {@code kubectl get}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephFilesystemStatus extends ResourceStatus {
  public Long filesystemId;

  @JsonPropertyDescription("Size of the data pools (\"16Ti\").")
  @PrinterColumn(name = "Size")
  public String size;

  @JsonPropertyDescription("Share of the data pools' space still free, e.g. \"99%\".")
  @PrinterColumn(name = "Available")
  public String available;
}
