package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A block pool: the pool settings, its Ceph name (the resource name by default), a class. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CephBlockPoolSpec extends PoolSpec {
  @JsonPropertyDescription("The Ceph pool's name; the resource's name when absent.")
  public String name;

  /** Delete the Ceph pool with the resource, when it holds no images. */
  @JsonPropertyDescription(
      "Delete the Ceph pool with the resource, when it holds no images; kept by default.")
  public boolean deletePoolOnRemoval;

  @JsonPropertyDescription("A StorageClass for RBD volumes in this pool, kept by the operator.")
  public StorageClassSpec storageClass;
}
