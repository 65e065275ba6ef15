package io.strata.test.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Deployment or DaemonSet of ours, reduced to what the checks read: its pod template. */
record Workload(
    String where, String kind, String name, Map<String, String> labels, PodTemplateSpec template) {
  static final String COMPONENT = "app.kubernetes.io/component";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
  private static final Pattern ANNOTATION_REF =
      Pattern.compile("metadata\\.annotations\\['([^']+)'\\]");

  /** The Deployments and DaemonSets among {@code manifests}. */
  static List<Workload> of(List<Manifest> manifests) {
    return manifests.stream()
        .filter(m -> m.kind().equals("Deployment") || m.kind().equals("DaemonSet"))
        .map(Workload::of)
        .toList();
  }

  static Workload of(Manifest manifest) {
    if (manifest.kind().equals("Deployment")) {
      Deployment d = manifest.as(Deployment.class);
      return new Workload(
          manifest.where(),
          "Deployment",
          d.getMetadata().getName(),
          labels(d.getMetadata()),
          d.getSpec().getTemplate());
    }
    DaemonSet d = manifest.as(DaemonSet.class);
    return new Workload(
        manifest.where(),
        "DaemonSet",
        d.getMetadata().getName(),
        labels(d.getMetadata()),
        d.getSpec().getTemplate());
  }

  String component() {
    return labels.getOrDefault(COMPONENT, "");
  }

  PodSpec spec() {
    return template.getSpec();
  }

  Map<String, String> annotations() {
    Map<String, String> annotations = template.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }

  Optional<Container> container(String name) {
    return spec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst();
  }

  Optional<Volume> volume(String name) {
    return spec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  /** The host path of a hostPath volume, if {@code name} is one. */
  Optional<String> hostPath(String name) {
    return volume(name).filter(v -> v.getHostPath() != null).map(v -> v.getHostPath().getPath());
  }

  static Optional<VolumeMount> mountAt(Container container, String path) {
    return mounts(container).stream().filter(m -> m.getMountPath().equals(path)).findFirst();
  }

  static Optional<VolumeMount> mountOf(Container container, String volume) {
    return mounts(container).stream().filter(m -> m.getName().equals(volume)).findFirst();
  }

  static List<VolumeMount> mounts(Container container) {
    return container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts();
  }

  static List<String> args(Container container) {
    return container.getArgs() == null ? List.of() : container.getArgs();
  }

  /** The value of {@code --flag=value} among a container's args, with $(VAR) resolved. */
  Optional<String> flag(Container container, String flag) {
    return args(container).stream()
        .filter(a -> a.startsWith(flag + "="))
        .findFirst()
        .map(a -> resolve(container, a.substring(flag.length() + 1)));
  }

  /**
   * Expands $(VAR) as the kubelet does, from the container's env: a literal value, or a
   * downward-API reference to one of this pod's annotations. Anything else stays as it was.
   */
  String resolve(Container container, String text) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = envValue(container, matcher.group(1)).orElse(matcher.group());
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Every $(VAR) in a container's args, for checks that each is defined. */
  static List<String> variables(Container container) {
    return args(container).stream()
        .flatMap(a -> VARIABLE.matcher(a).results().map(r -> r.group(1)))
        .toList();
  }

  Optional<EnvVar> env(Container container, String name) {
    return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
        .filter(e -> e.getName().equals(name))
        .findFirst();
  }

  /** The annotation an env var reads through the downward API, if it reads one. */
  static Optional<String> annotationRef(EnvVar env) {
    if (env.getValueFrom() == null || env.getValueFrom().getFieldRef() == null) {
      return Optional.empty();
    }
    Matcher matcher = ANNOTATION_REF.matcher(env.getValueFrom().getFieldRef().getFieldPath());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  private Optional<String> envValue(Container container, String name) {
    return env(container, name)
        .flatMap(e ->
            e.getValue() != null
                ? Optional.of(e.getValue())
                : annotationRef(e).map(annotations()::get));
  }

  private static Map<String, String> labels(ObjectMeta meta) {
    return Objects.requireNonNullElse(meta.getLabels(), Map.of());
  }

  @Override
  public String toString() {
    return kind + " " + name + " (" + where + ")";
  }
}
