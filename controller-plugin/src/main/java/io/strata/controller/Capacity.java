package io.strata.controller;

import csi.v1.CapacityRange;
import io.strata.csi.CsiException;

/** Turns a CSI capacity range into the size to create: whole MiB, within the range. */
final class Capacity {
  static final long MIB = 1L << 20;
  static final long DEFAULT_SIZE = 1L << 30;

  private Capacity() {}

  static long sizeFor(CapacityRange range) {
    long required = range.getRequiredBytes();
    long limit = range.getLimitBytes();
    if (required < 0 || limit < 0) {
      throw CsiException.invalidArgument("capacity_range bytes must not be negative");
    }
    if (limit > 0 && required > limit) {
      throw CsiException.outOfRange(
          "required_bytes " + required + " is larger than limit_bytes " + limit);
    }
    long wanted =
        required > 0 ? required : Math.min(DEFAULT_SIZE, limit > 0 ? limit : DEFAULT_SIZE);
    if (wanted > Long.MAX_VALUE - MIB) {
      throw CsiException.outOfRange("capacity of " + wanted + " bytes is too large");
    }
    long rounded = (wanted + MIB - 1) / MIB * MIB;
    if (limit > 0 && rounded > limit) {
      throw CsiException.outOfRange(
          "no whole number of MiB lies between required_bytes "
              + required
              + " and limit_bytes "
              + limit);
    }
    return rounded;
  }
}
