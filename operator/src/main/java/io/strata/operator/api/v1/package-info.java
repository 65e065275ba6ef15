/**
 * The {@code ceph.strata.io/v1} API: CephCluster, CephBlockPool and CephFilesystem, with the spec
 * fields Rook users know. The CRD YAML in {@code deploy/operator/crds/} is generated from these
 * classes at build time; the classes are plain data (public fields, Jackson names) so that the
 * generated schema and the Java model cannot drift apart.
 */
package io.strata.operator.api.v1;
