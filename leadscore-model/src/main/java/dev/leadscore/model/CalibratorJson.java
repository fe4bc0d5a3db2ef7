package dev.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.model.calibration.Calibrator;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a {@link Calibrator}, for the model artifact, through Jackson's tree model.
 * Package-private, so that no host inherits Jackson types through the model's API.
 * Fields are mapped explicitly — no class name is ever written or read — so a document cannot
 * choose what to instantiate.
 *
 * <p><b>Format.</b> An object whose {@code "kind"} field selects the calibrator, followed by its
 * parameters in a fixed order:
 *
 * <pre>
 * {"kind": "identity"}
 * {"kind": "platt", "a": 1.02, "b": -0.31}
 * {"kind": "isotonic", "thresholds": [-2.5, 0.1, 1.7], "values": [0.02, 0.3, 0.81]}
 * </pre>
 *
 * Numbers are written as Jackson writes doubles (the shortest decimal that reads back to the
 * same double), so write → read gives an equal calibrator, and equal calibrators give equal
 * trees: the output is deterministic and can be hashed once serialised canonically.
 *
 * <p><b>Reading is strict.</b> A non-object, a missing or unknown {@code kind}, an unknown or
 * missing field, a non-number where a number belongs, a non-array where an array belongs, or
 * parameters the calibrator itself rejects (non-finite, unsorted thresholds, values outside [0,
 * 1]) is an {@link IllegalArgumentException} naming the kind and the field.
 *
 * <p>Stateless and thread-safe. Cost O(m) for m isotonic points.
 */
final class CalibratorJson {
  private CalibratorJson() {}

  /** The {@code "kind"} of {@link Calibrator.Identity}. */
  static final String IDENTITY = "identity";
  /** The {@code "kind"} of {@link Calibrator.Platt}. */
  static final String PLATT = "platt";
  /** The {@code "kind"} of {@link Calibrator.Isotonic}. */
  static final String ISOTONIC = "isotonic";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Map<String, Set<String>> FIELDS = Map.of(
      IDENTITY, Set.of("kind"),
      PLATT, Set.of("kind", "a", "b"),
      ISOTONIC, Set.of("kind", "thresholds", "values"));

  /**
   * The calibrator as a new JSON object, fields in a fixed order.
   *
   * @throws NullPointerException if {@code calibrator} is null
   */
  static ObjectNode write(Calibrator calibrator) {
    if (calibrator == null) {
      throw new NullPointerException("calibrator");
    }
    ObjectNode o = NODES.objectNode();
    if (calibrator instanceof Calibrator.Platt p) {
      o.put("kind", PLATT);
      o.put("a", p.a());
      o.put("b", p.b());
    } else if (calibrator instanceof Calibrator.Isotonic iso) {
      o.put("kind", ISOTONIC);
      o.set("thresholds", array(iso.thresholds()));
      o.set("values", array(iso.values()));
    } else if (calibrator instanceof Calibrator.Identity) {
      o.put("kind", IDENTITY);
    } else {
      throw new AssertionError("unhandled calibrator " + calibrator.getClass());
    }
    return o;
  }

  /**
   * The calibrator a JSON object describes.
   *
   * @throws IllegalArgumentException if the node is not a valid calibrator object (see the class
   *     comment); the message names the kind and the field
   * @throws NullPointerException if {@code node} is null
   */
  static Calibrator read(JsonNode node) {
    if (node == null) {
      throw new NullPointerException("node");
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("calibrator must be a JSON object, got " + node.getNodeType());
    }
    JsonNode kindNode = node.get("kind");
    if (kindNode == null) {
      throw new IllegalArgumentException("calibrator is missing required field 'kind' (one of "
          + IDENTITY + ", " + PLATT + ", " + ISOTONIC + ")");
    }
    if (!kindNode.isTextual()) {
      throw new IllegalArgumentException("calibrator field 'kind' must be a string, got " + kindNode.getNodeType());
    }
    String kind = kindNode.textValue();
    Set<String> allowed = FIELDS.get(kind);
    if (allowed == null) {
      throw new IllegalArgumentException("unknown calibrator kind '" + kind + "' (expected one of "
          + IDENTITY + ", " + PLATT + ", " + ISOTONIC + ")");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException("calibrator of kind '" + kind + "' has unknown field '" + field + "'");
      }
    }
    try {
      switch (kind) {
        case PLATT:
          return new Calibrator.Platt(number(node, kind, "a"), number(node, kind, "b"));
        case ISOTONIC:
          return new Calibrator.Isotonic(numbers(node, kind, "thresholds"), numbers(node, kind, "values"));
        default:
          return Calibrator.identity();
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("calibrator of kind")) {
        throw e;
      }
      throw new IllegalArgumentException("calibrator of kind '" + kind + "' is invalid: " + e.getMessage(), e);
    }
  }

  private static ArrayNode array(double[] values) {
    ArrayNode a = NODES.arrayNode(values.length);
    for (double v : values) {
      a.add(v);
    }
    return a;
  }

  private static JsonNode required(JsonNode node, String kind, String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw new IllegalArgumentException("calibrator of kind '" + kind + "' is missing required field '" + field + "'");
    }
    return v;
  }

  private static double number(JsonNode node, String kind, String field) {
    JsonNode v = required(node, kind, field);
    if (!v.isNumber()) {
      throw new IllegalArgumentException("calibrator of kind '" + kind + "': field '" + field
          + "' must be a number, got " + v.getNodeType());
    }
    return v.doubleValue();
  }

  private static double[] numbers(JsonNode node, String kind, String field) {
    JsonNode v = required(node, kind, field);
    if (!v.isArray()) {
      throw new IllegalArgumentException("calibrator of kind '" + kind + "': field '" + field
          + "' must be an array of numbers, got " + v.getNodeType());
    }
    double[] a = new double[v.size()];
    for (int i = 0; i < a.length; i++) {
      JsonNode e = v.get(i);
      if (!e.isNumber()) {
        throw new IllegalArgumentException("calibrator of kind '" + kind + "': " + field + "[" + i
            + "] must be a number, got " + e.getNodeType());
      }
      a[i] = e.doubleValue();
    }
    return a;
  }
}
