package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code fs clone status} tells about a clone.
 *
 * @param failure why a FAILED or CANCELED clone stopped ("errno 4: user interrupted clone
 *     operation"), empty otherwise
 */
public record CloneStatus(CloneState state, String failure) {

  static CloneStatus parse(String output) {
    JsonNode status = SubvolumeJson.read(output).path("status");
    JsonNode failure = status.path("failure");
    String text =
        failure.isMissingNode()
            ? ""
            : "errno "
                + failure.path("errno").asText("?")
                + ": "
                + failure.path("error_msg").asText("");
    return new CloneStatus(CloneState.of(status.path("state").asText("")), text);
  }
}
