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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.TierPolicy;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      "background", "training", "provenance", "monitoring", "checksum");

  private ModelArtifact() {}

  // ================================================================================ writing

  /**
   * The model as pretty-printed JSON (UTF-8 text, {@code \n} line ends, ending in a newline).
   *
   * @throws NullPointerException if {@code model} is null
   */
  public static String write(TrainedModel model) {
    Objects.requireNonNull(model, "model");
    ObjectNode root = content(model);
    root.put("checksum", Sha256.labelled(CanonicalJson.write(root, CanonicalJson.Form.TYPED)));
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the artifact", e);
    }
  }

  private static ObjectNode content(TrainedModel m) {
    ObjectNode root = Json.NODES.objectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("modelId", m.modelId());
    root.put("modelVersion", m.modelVersion());
    root.put("createdAt", m.createdAt().toString());
    FittedSchema schema = m.schema();
    root.put("schemaFingerprint", schema.fingerprint());
    root.set("schema", parse(schema.toJson(), "the fitted schema's JSON"));
    ArrayNode columns = root.putArray("columns");
    for (Column c : schema.columns()) {
      columns.add(c.name());
    }
    ObjectNode st = root.putObject("standardisation");
    st.set("mean", Json.array(m.means(), "standardisation.mean"));
    st.set("scale", Json.array(m.scales(), "standardisation.scale"));

    ObjectNode model = root.putObject("model");
    Json.put(model, "lambda", m.lambda(), "model");
    Json.put(model, "intercept", m.intercept(), "model");
    model.set("weights", Json.array(m.weights(), "model.weights"));
    Json.put(model, "rawIntercept", m.rawIntercept(), "model");
    model.set("rawWeights", Json.array(m.rawWeights(), "model.rawWeights"));
    ArrayNode cov = model.putArray("covariance");
    double[] c = m.covariance();
    int dim = m.width() + 1;
    for (int r = 0; r < dim; r++) {
      double[] row = new double[dim];
      System.arraycopy(c, r * dim, row, 0, dim);
      cov.add(Json.array(row, "model.covariance[" + r + "]"));
    }
    root.set("calibrator", CalibratorJson.write(m.calibrator()));
    ObjectNode cut = root.putObject("tierCutoffs");
    writeCutoffs(cut, m.cutoffs());
    root.set("background", background(m.background()));
    root.set("training", summary(m.summary()));
    root.set("provenance", provenance(m.provenance()));
    m.monitoringReference().ifPresent(r -> root.set("monitoring", monitoring(r)));
    return root;
  }

  private static void writeCutoffs(ObjectNode o, TierCutoffs c) {
    Json.putCutoff(o, "hot", c.hot());
    Json.putCutoff(o, "warm", c.warm());
    Json.putCutoff(o, "nurture", c.nurture());
  }

  private static ObjectNode background(BackgroundStats b) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("rows", b.rows());
    o.set("columnMeans", Json.array(b.columnMeans(), "background.columnMeans"));
    ArrayNode list = o.putArray("interactions");
    for (BackgroundStats.InteractionMoments im : b.interactions()) {
      ObjectNode e = list.addObject();
      e.put("column", im.column());
      e.put("columnIndex", im.columnIndex());
      e.put("left", im.left());
      e.put("leftIndex", im.leftIndex());
      e.put("right", im.right());
      e.put("rightIndex", im.rightIndex());
      Json.put(e, "meanProduct", im.meanProduct(), "background.interactions");
      Json.put(e, "meanLeft", im.meanLeft(), "background.interactions");
      Json.put(e, "meanRight", im.meanRight(), "background.interactions");
    }
    return o;
  }

  private static ObjectNode monitoring(TrainingReference r) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("rows", r.rows());
    ArrayNode cols = o.putArray("columns");
    for (TrainingReference.ColumnReference c : r.columns()) {
      ObjectNode e = cols.addObject();
      e.put("column", c.column());
      e.put("index", c.index());
      if (c.kind() == TrainingReference.Kind.BINARY) {
        e.put("kind", "binary");
        Json.put(e, "shareOfOnes", c.shareOfOnes(), "monitoring.columns");
      } else {
        e.put("kind", "quantile");
        e.set("edges", Json.array(c.edges(), "monitoring.columns.edges"));
        e.set("shares", Json.array(c.shares(), "monitoring.columns.shares"));
      }
    }
    ArrayNode missing = o.putArray("missingRates");
    for (TrainingReference.MissingRate mr : r.missingRates()) {
      ObjectNode e = missing.addObject();
      e.put("feature", mr.feature());
      ArrayNode names = e.putArray("columns");
      mr.columns().forEach(names::add);
      Json.put(e, "rate", mr.rate(), "monitoring.missingRates");
    }
    ObjectNode scores = o.putObject("scores");
    scores.set("histogram", Json.array(r.scoreHistogram(), "monitoring.scores.histogram"));
    ObjectNode tiers = scores.putObject("tierShares");
    for (Tier t : Tier.values()) {
      Json.put(tiers, tierKey(t), r.tierShare(t), "monitoring.scores.tierShares");
    }
    Json.put(scores, "meanProbability", r.meanProbability(), "monitoring.scores");
    Json.put(scores, "conversionRate", r.conversionRate(), "monitoring.scores");
    Json.put(scores, "calibrationError", r.calibrationError(), "monitoring.scores");
    return o;
  }

  private static String tierKey(Tier t) {
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ObjectNode summary(TrainingSummary s) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("rows", s.rows());
    o.put("positives", s.positives());
    o.put("folds", s.folds());
    o.put("selectionMetric", s.selectionMetric().name());
    Json.put(o, "chosenLambda", s.chosenLambda(), "training");
    o.put("iterations", s.iterations());
    Json.put(o, "maxGradient", s.maxGradient(), "training");
    Json.put(o, "oofAuc", s.oofAuc(), "training");
    Json.put(o, "oofLogLoss", s.oofLogLoss(), "training");
    Json.put(o, "oofBrier", s.oofBrier(), "training");
    ArrayNode cv = o.putArray("crossValidation");
    for (TrainingSummary.LambdaScore ls : s.crossValidation()) {
      ObjectNode e = cv.addObject();
      Json.put(e, "lambda", ls.lambda(), "training.crossValidation");
      Json.put(e, "logLoss", ls.logLoss(), "training.crossValidation");
      Json.put(e, "auc", ls.auc(), "training.crossValidation");
      Json.put(e, "brier", ls.brier(), "training.crossValidation");
      e.put("iterations", ls.iterations());
    }
    return o;
  }

  private static ObjectNode provenance(Provenance p) {
    ObjectNode o = Json.NODES.objectNode();
    o.put("libraryVersion", p.libraryVersion());
    o.put("dataSha256", p.dataSha256());
    o.put("javaVersion", p.javaVersion());
    o.put("osArch", p.osArch());
    o.put("createdAt", p.createdAt().toString());
    o.set("options", options(p.options()));
    return o;
  }

  private static ObjectNode options(TrainingOptions t) {
    ObjectNode o = Json.NODES.objectNode();
    o.set("lambdas", Json.array(t.lambdas(), "options.lambdas"));
    o.put("folds", t.folds());
    o.put("seed", t.seed());
    o.put("selectionMetric", t.selectionMetric().name());
    o.put("calibration", t.calibration().name());
    ObjectNode cw = o.putObject("classWeights");
    ClassWeights w = t.classWeights();
    if (w instanceof ClassWeights.Explicit e) {
      cw.put("kind", "explicit");
      Json.put(cw, "converted", e.converted(), "options.classWeights");
      Json.put(cw, "notConverted", e.notConverted(), "options.classWeights");
    } else {
      cw.put("kind", w instanceof ClassWeights.Balanced ? "balanced" : "none");
    }
    ObjectNode tp = o.putObject("tierPolicy");
    TierPolicy policy = t.tierPolicy();
    if (policy instanceof TierPolicy.Fixed f) {
      tp.put("kind", "fixed");
      writeCutoffs(tp, f.cutoffs());
    } else if (policy instanceof TierPolicy.TargetShares s) {
      tp.put("kind", "shares");
      Json.put(tp, "hot", s.hot(), "options.tierPolicy");
      Json.put(tp, "warm", s.warm(), "options.tierPolicy");
      Json.put(tp, "nurture", s.nurture(), "options.tierPolicy");
    } else if (policy instanceof TierPolicy.TargetPrecision s) {
      tp.put("kind", "precision");
      Json.put(tp, "hot", s.hot(), "options.tierPolicy");
      Json.put(tp, "warm", s.warm(), "options.tierPolicy");
      Json.put(tp, "nurture", s.nurture(), "options.tierPolicy");
    } else {
      throw new IllegalStateException("unhandled tier policy " + policy);
    }
    o.put("maxIterations", t.maxIterations());
    Json.put(o, "tolerance", t.tolerance(), "options");
    t.modelId().ifPresent(id -> o.put("modelId", id));
    o.put("modelVersion", t.modelVersion());
    t.createdAt().ifPresent(at -> o.put("createdAt", at.toString()));
    return o;
  }

  // ================================================================================ reading

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
      return readContent(root);
    } catch (ArtifactException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("invalid model artifact: " + e.getMessage(), e);
    }
  }

  private static TrainedModel readContent(ObjectNode root) {
    String modelId = Json.text(root, "modelId", "");
    String modelVersion = Json.text(root, "modelVersion", "");
    Instant createdAt = instant(root, "createdAt", "");
    String fingerprint = Json.text(root, "schemaFingerprint", "");
    ObjectNode schemaNode = Json.object(root, "schema", "");
    FittedSchema schema;
    try {
      schema = FittedSchema.fromJson(schemaNode.toString());
    } catch (SchemaException e) {
      throw new ArtifactException("schema: " + e.getMessage(), e);
    }
    if (!schema.fingerprint().equals(fingerprint)) {
      throw new ArtifactException("schemaFingerprint " + fingerprint + " does not match the embedded schema, whose"
          + " fingerprint is " + schema.fingerprint());
    }
    int width = schema.width();
    ArrayNode columns = Json.arrayField(root, "columns", "");
    if (columns.size() != width) {
      throw new ArtifactException("columns lists " + columns.size() + " names but the schema has " + width + " columns");
    }
    for (int j = 0; j < width; j++) {
      String expected = schema.columns().get(j).name();
      JsonNode c = columns.get(j);
      if (!c.isTextual() || !c.textValue().equals(expected)) {
        throw new ArtifactException("columns[" + j + "] is " + c + " but the schema's column " + j + " is '" + expected + "'");
      }
    }

    ObjectNode st = Json.object(root, "standardisation", "");
    Json.onlyFields(st, "standardisation", Json.fields("mean", "scale"));
    double[] mean = widthArray(st, "mean", "standardisation", width);
    double[] scale = widthArray(st, "scale", "standardisation", width);
    Standardisation standardisation;
    try {
      standardisation = Standardisation.of(mean, scale);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("standardisation: " + e.getMessage(), e);
    }

    ObjectNode model = Json.object(root, "model", "");
    Json.onlyFields(model, "model", Json.fields("lambda", "intercept", "weights", "rawIntercept", "rawWeights", "covariance"));
    double lambda = Json.number(model, "lambda", "model");
    double intercept = Json.number(model, "intercept", "model");
    double[] weights = widthArray(model, "weights", "model", width);
    double rawIntercept = Json.number(model, "rawIntercept", "model");
    double[] rawWeights = widthArray(model, "rawWeights", "model", width);
    ArrayNode covRows = Json.arrayField(model, "covariance", "model");
    int dim = width + 1;
    if (covRows.size() != dim) {
      throw new ArtifactException("model.covariance must have width + 1 = " + dim + " rows, got " + covRows.size());
    }
    double[] covariance = new double[dim * dim];
    for (int r = 0; r < dim; r++) {
      JsonNode row = covRows.get(r);
      String where = "model.covariance[" + r + "]";
      if (!row.isArray() || row.size() != dim) {
        throw new ArtifactException(where + " must be an array of " + dim + " numbers, got " + row.getNodeType()
            + (row.isArray() ? " of " + row.size() : ""));
      }
      for (int c = 0; c < dim; c++) {
        covariance[r * dim + c] = Json.number(row.get(c), where + "[" + c + "]");
      }
    }

    Calibrator calibrator;
    try {
      calibrator = CalibratorJson.read(Json.object(root, "calibrator", ""));
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("calibrator: " + e.getMessage(), e);
    }
    ObjectNode cut = Json.object(root, "tierCutoffs", "");
    Json.onlyFields(cut, "tierCutoffs", Json.fields("hot", "warm", "nurture"));
    TierCutoffs cutoffs = cutoffs(cut, "tierCutoffs");
    BackgroundStats background = readBackground(Json.object(root, "background", ""), schema);
    TrainingSummary summary = readSummary(Json.object(root, "training", ""));
    Provenance provenance = readProvenance(Json.object(root, "provenance", ""));

    TrainingReference reference = root.has("monitoring")
        ? readMonitoring(Json.object(root, "monitoring", ""), schema, background.rows())
        : null;

    TrainedModel m = new TrainedModel(modelId, modelVersion, createdAt, schema, standardisation, intercept, weights,
        lambda, covariance, calibrator, cutoffs, background, summary, provenance, reference);
    if (Double.doubleToLongBits(m.rawIntercept()) != Double.doubleToLongBits(rawIntercept)) {
      throw new ArtifactException("model.rawIntercept " + rawIntercept + " does not match the value derived from the"
          + " standardised weights, " + m.rawIntercept());
    }
    double[] derived = m.rawWeights();
    for (int j = 0; j < width; j++) {
      if (Double.doubleToLongBits(derived[j]) != Double.doubleToLongBits(rawWeights[j])) {
        throw new ArtifactException("model.rawWeights[" + j + "] " + rawWeights[j] + " does not match the value"
            + " derived from the standardised weight, " + derived[j]);
      }
    }
    return m;
  }

  private static double[] widthArray(JsonNode parent, String field, String path, int width) {
    double[] a = Json.doubles(parent, field, path);
    if (a.length != width) {
      throw new ArtifactException(path + "." + field + " must have one value per schema column (" + width + "), got "
          + a.length);
    }
    return a;
  }

  private static TierCutoffs cutoffs(JsonNode o, String path) {
    double hot = Json.cutoff(o, "hot", path);
    double warm = Json.cutoff(o, "warm", path);
    double nurture = Json.cutoff(o, "nurture", path);
    try {
      return TierCutoffs.of(hot, warm, nurture);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException(path + ": " + e.getMessage(), e);
    }
  }

  private static BackgroundStats readBackground(ObjectNode o, FittedSchema schema) {
    String path = "background";
    Json.onlyFields(o, path, Json.fields("rows", "columnMeans", "interactions"));
    int rows = Json.integer(o, "rows", path);
    if (rows < 1) {
      throw new ArtifactException("background.rows must be >= 1, got " + rows);
    }
    double[] means = widthArray(o, "columnMeans", path, schema.width());
    ArrayNode list = Json.arrayField(o, "interactions", path);
    List<Column> expected = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (c.role() == Column.Role.INTERACTION) {
        expected.add(c);
      }
    }
    if (list.size() != expected.size()) {
      throw new ArtifactException("background.interactions has " + list.size() + " entries but the schema has "
          + expected.size() + " interaction columns");
    }
    List<BackgroundStats.InteractionMoments> moments = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode e = list.get(i);
      String where = "background.interactions[" + i + "]";
      if (!e.isObject()) {
        throw new ArtifactException(where + " must be an object, got " + e.getNodeType());
      }
      Json.onlyFields(e, where, Json.fields("column", "columnIndex", "left", "leftIndex", "right", "rightIndex",
          "meanProduct", "meanLeft", "meanRight"));
      BackgroundStats.InteractionMoments im = new BackgroundStats.InteractionMoments(Json.text(e, "column", where),
          Json.integer(e, "columnIndex", where), Json.text(e, "left", where), Json.integer(e, "leftIndex", where),
          Json.text(e, "right", where), Json.integer(e, "rightIndex", where), Json.number(e, "meanProduct", where),
          Json.number(e, "meanLeft", where), Json.number(e, "meanRight", where));
      Column c = expected.get(i);
      if (!im.column().equals(c.name()) || im.columnIndex() != c.index()
          || im.leftIndex() != schema.columnIndex(im.left()) || im.rightIndex() != schema.columnIndex(im.right())) {
        throw new ArtifactException(where + " (" + im.column() + " = " + im.left() + " x " + im.right()
            + ") does not match the schema's interaction column " + c.index() + " '" + c.name() + "'");
      }
      moments.add(im);
    }
    return new BackgroundStats(rows, means, moments);
  }

  private static TrainingReference readMonitoring(ObjectNode o, FittedSchema schema, int trainingRows) {
    String path = "monitoring";
    Json.onlyFields(o, path, Json.fields("rows", "columns", "missingRates", "scores"));
    int rows = Json.integer(o, "rows", path);
    if (rows != trainingRows) {
      throw new ArtifactException("monitoring.rows is " + rows + " but the model was trained on " + trainingRows
          + " rows (background.rows)");
    }
    List<Column> expected = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (TrainingReference.monitored(c)) {
        expected.add(c);
      }
    }
    ArrayNode cols = Json.arrayField(o, "columns", path);
    if (cols.size() != expected.size()) {
      throw new ArtifactException("monitoring.columns has " + cols.size() + " entries but the schema has "
          + expected.size() + " value, level and missing-flag columns");
    }
    List<TrainingReference.ColumnReference> refs = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      JsonNode e = cols.get(i);
      String where = path + ".columns[" + i + "]";
      if (!e.isObject()) {
        throw new ArtifactException(where + " must be an object, got " + e.getNodeType());
      }
      Column c = expected.get(i);
      String name = Json.text(e, "column", where);
      int index = Json.integer(e, "index", where);
      if (!name.equals(c.name()) || index != c.index()) {
        throw new ArtifactException(where + " is column '" + name + "' at index " + index + " but the schema's "
            + (i + 1) + "th monitored column is '" + c.name() + "' at index " + c.index());
      }
      String kind = Json.text(e, "kind", where);
      try {
        if ("binary".equals(kind)) {
          Json.onlyFields(e, where, Json.fields("column", "index", "kind", "shareOfOnes"));
          double share = Json.number(e, "shareOfOnes", where);
          if (!(share >= 0 && share <= 1)) {
            throw new ArtifactException(where + ".shareOfOnes must be in [0, 1], got " + share);
          }
          refs.add(new TrainingReference.ColumnReference(name, index, TrainingReference.Kind.BINARY, new double[0],
              new double[] {1 - share, share}));
        } else if ("quantile".equals(kind)) {
          if (c.role() != Column.Role.VALUE) {
            throw new ArtifactException(where + " (column '" + name + "') is a " + c.role()
                + " column, whose reference must be binary, got kind 'quantile'");
          }
          Json.onlyFields(e, where, Json.fields("column", "index", "kind", "edges", "shares"));
          refs.add(new TrainingReference.ColumnReference(name, index, TrainingReference.Kind.QUANTILE,
              Json.doubles(e, "edges", where), Json.doubles(e, "shares", where)));
        } else {
          throw new ArtifactException(where + ".kind must be binary or quantile, got '" + kind + "'");
        }
      } catch (ArtifactException ex) {
        throw ex;
      } catch (IllegalArgumentException ex) {
        throw new ArtifactException(where + ": " + ex.getMessage(), ex);
      }
    }

    Map<String, List<Column>> markers = TrainingReference.missingMarkers(schema);
    ArrayNode missing = Json.arrayField(o, "missingRates", path);
    if (missing.size() != markers.size()) {
      throw new ArtifactException("monitoring.missingRates has " + missing.size() + " entries but the schema has "
          + markers.size() + " features with a missing flag or a missing/unknown level");
    }
    List<TrainingReference.MissingRate> rates = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, List<Column>> m : markers.entrySet()) {
      JsonNode e = missing.get(i);
      String where = path + ".missingRates[" + i + "]";
      i++;
      if (!e.isObject()) {
        throw new ArtifactException(where + " must be an object, got " + e.getNodeType());
      }
      Json.onlyFields(e, where, Json.fields("feature", "columns", "rate"));
      String feature = Json.text(e, "feature", where);
      ArrayNode names = Json.arrayField(e, "columns", where);
      List<String> expectedNames = m.getValue().stream().map(Column::name).toList();
      List<String> got = new ArrayList<>();
      names.forEach(n -> got.add(n.isTextual() ? n.textValue() : n.toString()));
      if (!feature.equals(m.getKey()) || !got.equals(expectedNames)) {
        throw new ArtifactException(where + " is feature '" + feature + "' with columns " + got
            + " but the schema's missing markers there are feature '" + m.getKey() + "' with columns "
            + expectedNames);
      }
      double rate = Json.number(e, "rate", where);
      if (!(rate >= 0 && rate <= 1)) {
        throw new ArtifactException(where + ".rate must be in [0, 1], got " + rate);
      }
      rates.add(new TrainingReference.MissingRate(feature, got, rate));
    }

    ObjectNode scores = Json.object(o, "scores", path);
    String sp = path + ".scores";
    Json.onlyFields(scores, sp, Json.fields("histogram", "tierShares", "meanProbability", "conversionRate",
        "calibrationError"));
    double[] histogram = Json.doubles(scores, "histogram", sp);
    ObjectNode tierNode = Json.object(scores, "tierShares", sp);
    Set<String> tierKeys = new java.util.LinkedHashSet<>();
    for (Tier t : Tier.values()) {
      tierKeys.add(tierKey(t));
    }
    Json.onlyFields(tierNode, sp + ".tierShares", tierKeys);
    double[] tierShares = new double[Tier.values().length];
    for (Tier t : Tier.values()) {
      tierShares[t.ordinal()] = Json.number(tierNode, tierKey(t), sp + ".tierShares");
    }
    try {
      return new TrainingReference(rows, refs, rates, histogram, tierShares, Json.number(scores, "meanProbability", sp),
          Json.number(scores, "conversionRate", sp), Json.number(scores, "calibrationError", sp));
    } catch (ArtifactException ex) {
      throw ex;
    } catch (IllegalArgumentException ex) {
      throw new ArtifactException("monitoring: " + ex.getMessage(), ex);
    }
  }

  private static TrainingSummary readSummary(ObjectNode o) {
    String path = "training";
    Json.onlyFields(o, path, Json.fields("rows", "positives", "folds", "selectionMetric", "chosenLambda", "iterations",
        "maxGradient", "oofAuc", "oofLogLoss", "oofBrier", "crossValidation"));
    List<TrainingSummary.LambdaScore> table = new ArrayList<>();
    ArrayNode cv = Json.arrayField(o, "crossValidation", path);
    for (int i = 0; i < cv.size(); i++) {
      JsonNode e = cv.get(i);
      String where = path + ".crossValidation[" + i + "]";
      if (!e.isObject()) {
        throw new ArtifactException(where + " must be an object, got " + e.getNodeType());
      }
      Json.onlyFields(e, where, Json.fields("lambda", "logLoss", "auc", "brier", "iterations"));
      table.add(new TrainingSummary.LambdaScore(Json.number(e, "lambda", where), Json.number(e, "logLoss", where),
          Json.number(e, "auc", where), Json.number(e, "brier", where), Json.integer(e, "iterations", where)));
    }
    return new TrainingSummary(Json.integer(o, "rows", path), Json.integer(o, "positives", path),
        Json.integer(o, "folds", path), enumValue(SelectionMetric.class, o, "selectionMetric", path), table,
        Json.number(o, "chosenLambda", path), Json.integer(o, "iterations", path), Json.number(o, "maxGradient", path),
        Json.number(o, "oofAuc", path), Json.number(o, "oofLogLoss", path), Json.number(o, "oofBrier", path), null);
  }

  private static Provenance readProvenance(ObjectNode o) {
    String path = "provenance";
    Json.onlyFields(o, path, Json.fields("libraryVersion", "dataSha256", "javaVersion", "osArch", "createdAt", "options"));
    return new Provenance(Json.text(o, "libraryVersion", path), readOptions(Json.object(o, "options", path)),
        Json.text(o, "dataSha256", path), Json.text(o, "javaVersion", path), Json.text(o, "osArch", path),
        instant(o, "createdAt", path));
  }

  private static TrainingOptions readOptions(ObjectNode o) {
    String path = "provenance.options";
    Json.onlyFields(o, path, Json.fields("lambdas", "folds", "seed", "selectionMetric", "calibration", "classWeights",
        "tierPolicy", "maxIterations", "tolerance", "modelId", "modelVersion", "createdAt"));
    try {
      TrainingOptions.Builder b = TrainingOptions.builder()
          .lambdas(Json.doubles(o, "lambdas", path))
          .folds(Json.integer(o, "folds", path))
          .seed(Json.longInteger(o, "seed", path))
          .selectionMetric(enumValue(SelectionMetric.class, o, "selectionMetric", path))
          .calibration(enumValue(CalibrationMethod.class, o, "calibration", path))
          .classWeights(readClassWeights(Json.object(o, "classWeights", path), path + ".classWeights"))
          .tierPolicy(readTierPolicy(Json.object(o, "tierPolicy", path), path + ".tierPolicy"))
          .maxIterations(Json.integer(o, "maxIterations", path))
          .tolerance(Json.number(o, "tolerance", path))
          .modelVersion(Json.text(o, "modelVersion", path));
      if (o.has("modelId")) {
        b.modelId(Json.text(o, "modelId", path));
      }
      if (o.has("createdAt")) {
        b.createdAt(instant(o, "createdAt", path));
      }
      return b.build();
    } catch (ArtifactException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ArtifactException(path + ": " + e.getMessage(), e);
    }
  }

  private static ClassWeights readClassWeights(ObjectNode o, String path) {
    String kind = Json.text(o, "kind", path);
    switch (kind) {
      case "none":
        Json.onlyFields(o, path, Json.fields("kind"));
        return ClassWeights.none();
      case "balanced":
        Json.onlyFields(o, path, Json.fields("kind"));
        return ClassWeights.balanced();
      case "explicit":
        Json.onlyFields(o, path, Json.fields("kind", "converted", "notConverted"));
        return ClassWeights.of(Json.number(o, "converted", path), Json.number(o, "notConverted", path));
      default:
        throw new ArtifactException(path + ".kind must be none, balanced or explicit, got '" + kind + "'");
    }
  }

  private static TierPolicy readTierPolicy(ObjectNode o, String path) {
    String kind = Json.text(o, "kind", path);
    Json.onlyFields(o, path, Json.fields("kind", "hot", "warm", "nurture"));
    switch (kind) {
      case "fixed":
        return new TierPolicy.Fixed(cutoffs(o, path));
      case "shares":
        return TierPolicy.shares(Json.number(o, "hot", path), Json.number(o, "warm", path), Json.number(o, "nurture", path));
      case "precision":
        return TierPolicy.precision(Json.number(o, "hot", path), Json.number(o, "warm", path),
            Json.number(o, "nurture", path));
      default:
        throw new ArtifactException(path + ".kind must be fixed, shares or precision, got '" + kind + "'");
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode o, String field, String path) {
    String v = Json.text(o, field, path);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw new ArtifactException(Json.join(path, field) + " must be one of " + names + ", got '" + v + "'");
  }

  private static Instant instant(JsonNode o, String field, String path) {
    String v = Json.text(o, field, path);
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new ArtifactException(Json.join(path, field) + " must be an ISO-8601 instant such as"
          + " 2026-01-01T00:00:00Z, got '" + v + "'", e);
    }
  }

  private static JsonNode parse(String json, String what) {
    try {
      JsonNode n = READER.readTree(json);
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
