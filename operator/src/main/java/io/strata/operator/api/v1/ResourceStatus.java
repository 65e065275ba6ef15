package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What every Strata resource reports: where reconciling stands and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceStatus {
  @JsonPropertyDescription("Progressing, Ready, Failure or Deleting.")
  @PrinterColumn(name = "Phase")
  public String phase;

  @JsonPropertyDescription("What is wrong, or what is being done.")
  @PrinterColumn(name = "Message")
  public String message;

  public Long observedGeneration;
  public List<Condition> conditions = new ArrayList<>();

  /** Spec fields that were set but Strata does not act on (yet), as JSON paths. */
  public List<String> ignoredFields = new ArrayList<>();
}
