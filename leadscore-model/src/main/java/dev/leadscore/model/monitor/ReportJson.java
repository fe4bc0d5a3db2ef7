package dev.leadscore.model.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.model.monitor.Health.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Strict typed access to a monitoring report's Jackson tree; every failure is an {@link
 * IllegalArgumentException} whose message starts with {@code monitoring report:} and names the
 * JSON path, the rule and the value. One instance per read; not thread-safe (stateless in
 * practice, but there is no reason to share it).
 */
final class ReportJson {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Duplicate keys are an error rather than last-one-wins; trailing tokens are rejected. */
  private static final ObjectReader READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().reader();
  private static final ObjectWriter WRITER = new ObjectMapper()
      .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

  static String pretty(ObjectNode root) {
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the monitoring report", e);
    }
  }

  IllegalArgumentException error(String path, String rule) {
    return new IllegalArgumentException("monitoring report: " + (path.isEmpty() ? "document" : path) + " " + rule);
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  JsonNode parse(String json) {
    JsonNode n;
    try {
      n = READER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("monitoring report: not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (n == null || n.isMissingNode()) {
      throw new IllegalArgumentException("monitoring report: the text is empty");
    }
    return object(n, "");
  }

  JsonNode required(JsonNode parent, String field, String path) {
    JsonNode n = parent.get(field);
    if (n == null) {
      throw error(join(path, field), "is required but missing");
    }
    return n;
  }

  JsonNode object(JsonNode n, String path) {
    if (!n.isObject()) {
      throw error(path, "must be an object, got " + n.getNodeType());
    }
    return n;
  }

  JsonNode object(JsonNode parent, String field, String path) {
    return object(required(parent, field, path), join(path, field));
  }

  JsonNode array(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isArray()) {
      throw error(join(path, field), "must be an array, got " + n.getNodeType());
    }
    return n;
  }

  String text(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw error(path, "must be a string, got " + n.getNodeType() + " " + n);
    }
    return n.textValue();
  }

  String text(JsonNode parent, String field, String path) {
    return text(required(parent, field, path), join(path, field));
  }

  /** A string or null. */
  String optionalText(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    return n.isNull() ? null : text(n, join(path, field));
  }

  double number(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    String where = join(path, field);
    if (!n.isNumber()) {
      throw error(where, "must be a number, got " + n.getNodeType() + " " + n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw error(where, "must be finite, got " + n);
    }
    return v;
  }

  int integer(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw error(join(path, field), "must be a 32-bit integer, got " + n);
    }
    return n.intValue();
  }

  long longInteger(JsonNode parent, String field, String path) {
    JsonNode n = required(parent, field, path);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw error(join(path, field), "must be a 64-bit integer, got " + n);
    }
    return n.longValue();
  }

  Instant instant(JsonNode parent, String field, String path) {
    String v = text(parent, field, path);
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw error(join(path, field), "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, got '" + v + "'");
    }
  }

  Status status(JsonNode parent, String field, String path) {
    return enumValue(Status.class, parent, field, path);
  }

  <E extends Enum<E>> E enumValue(Class<E> type, JsonNode parent, String field, String path) {
    return enumValue(type, text(parent, field, path), join(path, field));
  }

  <E extends Enum<E>> E enumValue(Class<E> type, String v, String where) {
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) {
        return e;
      }
      names.add(e.name());
    }
    throw error(where, "must be one of " + names + ", got '" + v + "'");
  }

  /** Rejects fields other than {@code allowed}. */
  void only(JsonNode node, String path, String... allowed) {
    Set<String> ok = Set.of(allowed);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!ok.contains(f)) {
        throw error(join(path, f), "is not a known field (expected only " + List.of(allowed) + ")");
      }
    }
  }

  /** Runs a value constructor, naming the path when its own checks refuse the values. */
  <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (NullPointerException | IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("monitoring report:")) {
        throw e;
      }
      throw error(path, "is invalid: " + e.getMessage());
    }
  }
}
