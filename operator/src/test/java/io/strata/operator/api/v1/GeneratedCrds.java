package io.strata.operator.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.strata.operator.api.v1.crd.CrdManifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CRDs of this build: what fabric8's generator wrote to {@code META-INF/fabric8/} after the
 * model was compiled, finished by {@link CrdManifests#render}; and where deploy/ keeps them.
 */
public final class GeneratedCrds {
  public static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(CephCluster.class, CephBlockPool.class, CephFilesystem.class);

  private static final YAMLMapper YAML = new YAMLMapper();

  private GeneratedCrds() {}

  /** {@code cephclusters.ceph.strata.io-v1.yml}: the generator's file for a kind. */
  public static String generatedFile(Class<? extends HasMetadata> kind) {
    return HasMetadata.getFullResourceName(kind) + "-v1.yml";
  }

  /** The generator's output for a kind, as compiled into this build's classes. */
  public static String generated(Class<? extends HasMetadata> kind) {
    String resource = "/META-INF/fabric8/" + generatedFile(kind);
    try (InputStream in = GeneratedCrds.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path: compile first");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CRD of a kind as deploy/operator/crds must hold it. */
  public static String rendered(Class<? extends HasMetadata> kind) {
    return CrdManifests.render(generated(kind));
  }

  public static JsonNode renderedTree(Class<? extends HasMetadata> kind) {
    try {
      return YAML.readTree(rendered(kind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The openAPIV3Schema of the kind's only version. */
  public static JsonNode schema(Class<? extends HasMetadata> kind) {
    return renderedTree(kind)
        .path("spec")
        .path("versions")
        .path(0)
        .path("schema")
        .path("openAPIV3Schema");
  }

  /** deploy/operator/crds, found above the working directory (the module's, under Maven). */
  public static Path deployDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path crds = dir.resolve("deploy/operator/crds");
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("operator"))) {
        return crds;
      }
    }
    throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
  }
}
