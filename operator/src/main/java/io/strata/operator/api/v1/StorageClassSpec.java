package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** A StorageClass the operator keeps for a pool or filesystem, so PVCs can use it at once. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageClassSpec {
  @JsonPropertyDescription("Create and keep the StorageClass.")
  public boolean enabled;

  /** Defaults to {@code <namespace>-<resource name>}. */
  @JsonPropertyDescription(
      "The StorageClass's name, a DNS-1123 subdomain; <namespace>-<resource name> when absent.")
  @Pattern(Schema.DNS_SUBDOMAIN)
  @ValidationRule(value = "size(self) <= 253", message = "at most 253 characters")
  public String name;

  /** Delete or Retain. */
  @JsonPropertyDescription("What happens to a released volume: Delete or Retain.")
  @SchemaFrom(type = ReclaimPolicy.class)
  @Default("Delete")
  public String reclaimPolicy = "Delete";

  @JsonPropertyDescription("Let PVCs of the class grow.")
  @Default("true")
  public boolean allowVolumeExpansion = true;

  @JsonPropertyDescription("Make it the cluster's default StorageClass.")
  public boolean isDefault;
}
