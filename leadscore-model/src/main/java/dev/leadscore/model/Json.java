package dev.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Small, strict helpers for the artifact's Jackson tree: typed field access that names the JSON
 * path on failure, and writers that refuse non-finite numbers. (The canonical form the checksum
 * is taken over is {@link dev.leadscore.core.internal.CanonicalJson.Form#TYPED}.) Stateless.
 */
final class Json {
  private Json() {}

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** How {@code +Infinity} is spelled in the artifact (plain JSON has no infinity). */
  static final String INFINITY = "Infinity";

  // ------------------------------------------------------------------------------ writing

  static void put(ObjectNode o, String field, double value, String path) {
    if (!Double.isFinite(value)) {
      throw new IllegalStateException("cannot write " + path + "." + field + " = " + value + ": not finite");
    }
    o.put(field, value);
  }

  static ArrayNode array(double[] values, String path) {
    ArrayNode a = NODES.arrayNode(values.length);
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalStateException("cannot write " + path + "[" + i + "] = " + values[i] + ": not finite");
      }
      a.add(values[i]);
    }
    return a;
  }

  /** A number in [0, 100] or the string {@value #INFINITY} for {@code +Infinity}. */
  static void putCutoff(ObjectNode o, String field, double value) {
    if (value == Double.POSITIVE_INFINITY) {
      o.put(field, INFINITY);
    } else {
      put(o, field, value, "cut-off");
    }
  }

  // ------------------------------------------------------------------------------ reading

  static ObjectNode object(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isObject()) {
      throw new ArtifactException(join(path, field) + " must be an object, got " + n.getNodeType());
    }
    return (ObjectNode) n;
  }

  static JsonNode required(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      throw new ArtifactException("missing required field " + join(path, field));
    }
    return n;
  }

  static String text(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isTextual()) {
      throw new ArtifactException(join(path, field) + " must be a string, got " + n.getNodeType() + " " + n);
    }
    return n.textValue();
  }

  /** A string that scores and registries use as an id, so it must not be empty or blank. */
  static String nonBlankText(JsonNode parent, String field, String path) {
    String t = text(parent, field, path);
    if (t.isBlank()) {
      throw new ArtifactException(join(path, field) + " must not be blank, got \"" + t + "\"");
    }
    return t;
  }

  static double number(JsonNode parent, String field, String path) {
    return number(required(parent, field, path), join(path, field));
  }

  static double number(JsonNode n, String where) {
    if (!n.isNumber()) {
      throw new ArtifactException(where + " must be a number, got " + n.getNodeType() + " " + n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw new ArtifactException(where + " must be finite, got " + n);
    }
    return v;
  }

  static int integer(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new ArtifactException(join(path, field) + " must be a 32-bit integer, got " + n);
    }
    return n.intValue();
  }

  static long longInteger(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new ArtifactException(join(path, field) + " must be a 64-bit integer, got " + n);
    }
    return n.longValue();
  }

  /** A cut-off: a number or {@value #INFINITY}. */
  static double cutoff(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (n.isTextual()) {
      if (INFINITY.equals(n.textValue())) {
        return Double.POSITIVE_INFINITY;
      }
      throw new ArtifactException(join(path, field) + " must be a number or \"" + INFINITY + "\", got " + n);
    }
    return number(n, join(path, field));
  }

  static double[] doubles(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    String where = join(path, field);
    if (!n.isArray()) {
      throw new ArtifactException(where + " must be an array of numbers, got " + n.getNodeType());
    }
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(n.get(i), where + "[" + i + "]");
    }
    return out;
  }

  static ArrayNode arrayField(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isArray()) {
      throw new ArtifactException(join(path, field) + " must be an array, got " + n.getNodeType());
    }
    return (ArrayNode) n;
  }

  /** Rejects fields other than {@code allowed}, so that misspelt or foreign fields are not ignored. */
  static void onlyFields(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new ArtifactException("unknown field " + join(path, f) + " (expected only " + allowed + ")");
      }
    }
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** A set of field names, for {@link #onlyFields}. */
  static Set<String> fields(String... names) {
    return Set.of(names);
  }
}
