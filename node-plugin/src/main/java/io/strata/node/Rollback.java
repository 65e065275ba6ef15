package io.strata.node;

/**
 * Runs a step and, when it fails, the undo of what came before it; the CO does not call unstage for
 * a stage that failed, so a stage cleans up after itself. A failing undo is attached to the
 * original failure, which is the one reported.
 */
public final class Rollback {
  private Rollback() {}

  public static void onFailure(Runnable step, Runnable undo) {
    try {
      step.run();
    } catch (RuntimeException e) {
      try {
        undo.run();
      } catch (RuntimeException undoFailure) {
        e.addSuppressed(undoFailure);
      }
      throw e;
    }
  }
}
