package io.strata.operator.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A filesystem data pool; unnamed pools are called {@code <filesystem>-data<index>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NamedPoolSpec extends PoolSpec {
  @JsonPropertyDescription(
      "The pool is called <filesystem>-<name>; <filesystem>-data<index> when absent.")
  public String name;
}
