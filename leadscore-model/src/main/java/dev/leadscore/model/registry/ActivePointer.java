package dev.leadscore.model.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The active pointer of a {@link ModelRegistry} ({@link ModelRegistry#ACTIVE_FILE}): the
 * activation history as a small JSON document, read strictly (a duplicate key, trailing text, an
 * unknown field or a malformed version id is a {@link RegistryException}) and written.
 *
 * <p>Stateless and thread-safe.
 */
final class ActivePointer {
  static final String FORMAT = "leadscore-model-registry-active";
  static final int FORMAT_VERSION = 1;
  private static final ObjectReader READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().reader();

  private ActivePointer() {}

  /**
   * The activation history in the pointer file {@code p}, oldest first (unmodifiable; empty when
   * there is no file yet).
   *
   * @throws RegistryException if the file is damaged
   */
  static List<String> read(Path p) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    JsonNode root;
    try {
      root = READER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new RegistryException("active pointer " + p + " is damaged: not valid JSON (" + e.getOriginalMessage()
          + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new RegistryException("active pointer " + p + " is damaged: expected a JSON object");
    }
    Set<String> allowed = Set.of("format", "formatVersion", "history");
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new RegistryException("active pointer " + p + " has an unknown field '" + f + "' (expected only "
            + allowed + ")");
      }
    }
    JsonNode format = root.get("format");
    JsonNode version = root.get("formatVersion");
    if (format == null || !FORMAT.equals(format.asText(null)) || version == null
        || !version.isIntegralNumber() || version.intValue() != FORMAT_VERSION) {
      throw new RegistryException("active pointer " + p + " must have format \"" + FORMAT
          + "\" and formatVersion " + FORMAT_VERSION + ", got " + format + " and " + version);
    }
    JsonNode history = root.get("history");
    if (history == null || !history.isArray()) {
      throw new RegistryException("active pointer " + p + " must have a 'history' array of version ids");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      JsonNode e = history.get(i);
      if (!e.isTextual() || !VersionFiles.VERSION_ID.matcher(e.textValue()).matches()) {
        throw new RegistryException("active pointer " + p + ": history[" + i + "] must be a version id such as"
            + " v000001-4f1c0a9e2b7d, got " + e);
      }
      out.add(e.textValue());
    }
    return List.copyOf(out);
  }

  /** The pointer file's bytes for a history. */
  static byte[] bytes(List<String> history) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    ArrayNode a = root.putArray("history");
    history.forEach(a::add);
    return (root.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
