package dev.leadscore.model;

import com.fasterxml.jackson.core.JsonLocation;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.ByteOrderMark;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Saves a {@link TrainedModel} as one JSON document and loads it back.
 *
 * <p><b>Format</b> ({@value #FORMAT}, version {@value #FORMAT_VERSION}): a JSON object with, in
 * this order, {@code format}, {@code formatVersion}, {@code modelId}, {@code modelVersion}, {@code
 * createdAt} (ISO-8601), {@code schemaFingerprint}, {@code schema} (the fitted schema's own JSON
 * form, embedded as an object), {@code columns} (names, for readers and as a cross-check), {@code
 * standardisation} ({@code mean}, {@code scale}), {@code model} ({@code lambda}, {@code intercept},
 * {@code weights}, {@code rawIntercept}, {@code rawWeights}, {@code covariance} as rows), {@code
 * calibrator} ({@link CalibratorJson}), {@code tierCutoffs} ({@code hot}, {@code warm}, {@code
 * nurture}; an empty tier's {@code +Infinity} is the string {@code "Infinity"}), {@code
 * background}, {@code training} (the summary without out-of-fold predictions), {@code provenance}
 * (with the options), optionally {@code monitoring} (the {@link TrainingReference}: {@code rows};
 * {@code columns}, one entry per value, level and missing-flag column in column order, each
 * {@code {column, index, kind: "binary", shareOfOnes}} or {@code {column, index, kind:
 * "quantile", edges, shares}}; {@code missingRates}, {@code {feature, columns, rate}} per feature
 * with a missing marker; {@code scores}: {@code histogram} of 10 shares over 0–100, {@code
 * tierShares} {@code {hot, warm, nurture, suppress}}, {@code meanProbability}, {@code
 * conversionRate}, {@code calibrationError}) and {@code checksum}. Artifacts written before the
 * monitoring reference existed have no {@code monitoring} field and still load (their model's
 * {@link TrainedModel#monitoringReference()} is empty); the format version stays 1, since the field
 * is optional. Every field is mapped explicitly: no Java
 * serialisation, no class names read from the file, and unknown fields are rejected.
 *
 * <p><b>Checksum.</b> {@code sha256:<hex>} of the canonical form of the document without the
 * {@code checksum} field: keys sorted, no whitespace, floating-point numbers as their IEEE-754 bits
 * (so the checksum does not depend on how a JVM prints doubles). Any edit to the content is
 * detected.
 *
 * <p><b>Exactness.</b> Doubles are written with Java's round-trip representation and read back
 * exactly, so a loaded model scores bit-identically to the saved one with the same library
 * version. Another version may compute the scoring logit in another order (0.1.0 moved from the
 * solver's standardised order to a dense form): scores then agree to rounding, about 1e-15 of
 * the logit, and a score lying exactly on a tier cut-off could change tier. The output is
 * pretty-printed with {@code \n} line ends and arrays on one line; the same model always gives
 * the same bytes on the same JVM.
 *
 * <p><b>Loading</b> checks the format and version, the checksum, the fitted schema (its own
 * fingerprint and the one recorded here), the columns, that every array has the schema's width,
 * that the weights in original units agree bit for bit with those derived from the standardised
 * ones, and the calibrator, cut-offs, background and options; it fails with an {@link
 * ArtifactException} naming the field. The JSON is read strictly: a key given twice in one object
 * or text after the document is refused, and a syntax error is reported with its line and column.
 *
 * <p>This class holds the envelope (format, version, checksum, strict parsing); the fields are
 * written by the package's {@code ArtifactWriter}, read and validated by {@code ArtifactReader},
 * and the {@code monitoring} field both ways by {@code MonitoringJson}.
 *
 * <p>Stateless and thread-safe. Cost O(size of the document).
 */
public final class ModelArtifact {
  /** The value of the {@code format} field. */
  public static final String FORMAT = "leadscore-model";
  /** The format version this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /**
   * Immutable and thread-safe (unlike an ObjectMapper, which can be reconfigured). Strict, like the
   * schema and rule-set readers: a key given twice in one object, or anything after the document,
   * is a syntax error rather than silently resolved (last key wins, trailing text ignored).
   */
  private static final ObjectReader READER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build().reader();
  /** Pretty printing with {@code \n} line ends on every platform; immutable and thread-safe. */
  private static final ObjectWriter WRITER = new ObjectMapper()
      .writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
  private static final Set<String> TOP = Json.fields("format", "formatVersion", "modelId", "modelVersion",
      "createdAt", "schemaFingerprint", "schema", "columns", "standardisation", "model", "calibrator", "tierCutoffs",
      "background", "training", "provenance", "monitoring", "policy", "checksum");

  private ModelArtifact() {}

  /**
   * The model as pretty-printed JSON (UTF-8 text, {@code \n} line ends, ending in a newline).
   *
   * @throws NullPointerException if {@code model} is null
   */
  public static String write(TrainedModel model) {
    Objects.requireNonNull(model, "model");
    ObjectNode root = ArtifactWriter.content(model);
    root.put("checksum", Sha256.labelled(CanonicalJson.write(root, CanonicalJson.Form.TYPED)));
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the artifact", e);
    }
  }

  /** The checksum {@link #write} records for the model, {@code sha256:<hex>}. */
  static String checksum(TrainedModel model) {
    return Sha256.labelled(CanonicalJson.write(ArtifactWriter.content(model), CanonicalJson.Form.TYPED));
  }

  /**
   * Loads a model written by {@link #write}.
   *
   * @throws ArtifactException if the text is not a valid artifact of this format version; the
   *     message names the field and what is wrong
   * @throws NullPointerException if {@code json} is null
   */
  public static TrainedModel read(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode parsed = parse(json, "the artifact");
    if (!parsed.isObject()) {
      throw new ArtifactException("a model artifact must be a JSON object, got " + parsed.getNodeType());
    }
    ObjectNode root = (ObjectNode) parsed;
    String format = root.has("format") && root.get("format").isTextual() ? root.get("format").textValue() : null;
    if (!FORMAT.equals(format)) {
      throw new ArtifactException("not a leadscore model artifact: field 'format' must be \"" + FORMAT + "\", got "
          + root.get("format"));
    }
    JsonNode version = root.get("formatVersion");
    if (version == null || !version.isIntegralNumber() || version.intValue() != FORMAT_VERSION) {
      throw new ArtifactException("unsupported formatVersion " + version + ": this library reads version "
          + FORMAT_VERSION);
    }
    Json.onlyFields(root, "", TOP);
    String stored = Json.text(root, "checksum", "");
    ObjectNode content = root.deepCopy();
    content.remove("checksum");
    String computed = Sha256.labelled(CanonicalJson.write(content, CanonicalJson.Form.TYPED));
    if (!computed.equals(stored)) {
      throw new ArtifactException("checksum mismatch: the artifact's content was changed after it was written"
          + " (stored " + stored + ", content hashes to " + computed + ")");
    }
    try {
      TrainedModel model = ArtifactReader.content(root);
      model.recordedChecksum(stored);
      return model;
    } catch (ArtifactException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("invalid model artifact: " + e.getMessage(), e);
    }
  }

  /**
   * Loads a model from an artifact file (UTF-8, with or without a byte-order mark) written from
   * {@link #write}.
   *
   * @param file the artifact file
   * @return the model, as {@link #read(String)} loads it
   * @throws ArtifactException as {@link #read(String)}
   * @throws IOException if the file cannot be read
   * @throws NullPointerException if {@code file} is null
   */
  public static TrainedModel read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return read(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Parses strictly; a syntax error becomes an {@link ArtifactException} with its line and column. */
  static JsonNode parse(String json, String what) {
    try {
      JsonNode n = READER.readTree(ByteOrderMark.strip(json));
      if (n == null || n.isMissingNode()) {
        throw new ArtifactException(what + " is empty");
      }
      return n;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new ArtifactException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
    }
  }
}
