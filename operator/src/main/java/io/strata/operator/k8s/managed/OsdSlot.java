package io.strata.operator.k8s.managed;

/** A place the storage spec asks an OSD for: a directory on a node, and its block file's size. */
record OsdSlot(String node, String hostname, String directory, long blockBytes) {}
