package io.strata.test.manifests;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields fabric8's typed model did not recognise. Its model classes never fail on an unknown
 * field: they keep it in {@code additionalProperties}. A misspelt or misplaced field (say {@code
 * mountPropogation}, or {@code hostNetwork} under a container) lands there, so a non-empty map
 * anywhere in the object tree is a manifest error.
 */
final class UnknownFields {
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  /** Paths and names of unknown fields, e.g. {@code .spec.template.spec [hostNetwrk]}. */
  static List<String> of(Object model) {
    List<String> found = new ArrayList<>();
    walk(model, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, path + "." + key, found));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
    } else if (value != null && value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      walkBean(value, path, found);
    }
  }

  private static void walkBean(Object bean, String path, List<String> found) {
    for (Method getter : bean.getClass().getMethods()) {
      if (!isPropertyGetter(getter)) {
        continue;
      }
      Object property = invoke(getter, bean);
      if (getter.getName().equals("getAdditionalProperties")) {
        if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
          found.add((path.isEmpty() ? "." : path) + " " + extra.keySet());
        }
      } else {
        String name = getter.getName().substring(3);
        walk(
            property,
            path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1),
            found);
      }
    }
  }

  private static boolean isPropertyGetter(Method method) {
    Class<?> type = method.getReturnType();
    return method.getName().startsWith("get")
        && method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getDeclaringClass() != Object.class
        && !type.isPrimitive()
        && type != String.class
        && !Number.class.isAssignableFrom(type)
        && type != Boolean.class;
  }

  private static Object invoke(Method getter, Object bean) {
    try {
      return getter.invoke(bean);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }
}
