package io.strata.csi.identity;

/** Answers Probe: whether the plugin can do its work right now. */
@FunctionalInterface
public interface Readiness {
  /** Empty when ready; otherwise why not, in words an operator can act on. */
  java.util.Optional<String> notReadyReason();
}
