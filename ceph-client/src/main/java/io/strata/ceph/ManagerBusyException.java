package io.strata.ceph;

/**
 * A manager command refused before it was sent, because this client already has as many in flight
 * and waiting as it allows. Nothing was asked of Ceph: the caller may retry later. Not a {@link
 * CephException}, so no errno handling (EAGAIN means "clone not complete" to the volumes module)
 * mistakes it for Ceph's answer.
 */
public final class ManagerBusyException extends RuntimeException {
  public ManagerBusyException(String message) {
    super(message);
  }
}
