package dev.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.TierPolicy;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates the content of a {@link ModelArtifact} once its format, version and checksum
 * are checked: the embedded schema and its fingerprint, the columns, every array's width, the
 * weights in original units against those derived from the standardised ones (bit for bit), and
 * the calibrator, cut-offs, background, training summary and options. Each failure is an {@link
 * ArtifactException} naming the field. {@link ArtifactWriter} is the inverse.
 *
 * <p>Stateless and thread-safe.
 */
final class ArtifactReader {
  private ArtifactReader() {}

  private static dev.leadscore.core.Policy readPolicy(ArrayNode arr) {
    java.util.List<dev.leadscore.core.Disqualifier> out = new java.util.ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      String where = "policy[" + i + "]";
      JsonNode d = arr.get(i);
      if (!d.isObject()) {
        throw new ArtifactException(where + " must be an object, got " + d.getNodeType());
      }
      java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
      d.fieldNames().forEachRemaining(k -> fields.put(k, Json.text(d, k, where)));
      try {
        out.add(dev.leadscore.core.Disqualifier.fromFields(fields));
      } catch (IllegalArgumentException e) {
        throw new ArtifactException(where + ": " + e.getMessage(), e);
      }
    }
    return dev.leadscore.core.Policy.of(out);
  }

  /**
   * The model in an artifact whose format, version and checksum {@link ModelArtifact#read} has
   * checked.
   *
   * @throws ArtifactException naming the field that is wrong
   * @throws IllegalArgumentException if a value is refused by the type it builds
   */
  static TrainedModel content(ObjectNode root) {
    String modelId = Json.nonBlankText(root, "modelId", "");
    String modelVersion = Json.nonBlankText(root, "modelVersion", "");
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
        ? MonitoringJson.read(Json.object(root, "monitoring", ""), schema, background.rows())
        : null;

    dev.leadscore.core.Policy policy = root.has("policy") ? readPolicy(Json.arrayField(root, "policy", ""))
        : dev.leadscore.core.Policy.none();
    TrainedModel m;
    try {
      m = new TrainedModel(modelId, modelVersion, createdAt, schema, standardisation, intercept, weights,
          lambda, covariance, calibrator, cutoffs, background, summary, provenance, reference, policy);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("disqualifier")) {
        throw new ArtifactException("policy: " + e.getMessage(), e);
      }
      throw e;
    }
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
        "tierPolicy", "maxIterations", "tolerance", "modelId", "modelVersion", "createdAt", "autoKnots", "maxPairs",
        "foldScheme"));
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
      // Absent in artifacts written before the automatic bases and pairs existed: trained without.
      b.autoKnots(o.has("autoKnots") ? Json.integer(o, "autoKnots", path) : 0);
      b.maxPairs(o.has("maxPairs") ? Json.integer(o, "maxPairs", path) : 0);
      // Absent in artifacts written before forward chaining existed: random stratified folds.
      b.foldScheme(o.has("foldScheme") ? enumValue(FoldScheme.class, o, "foldScheme", path) : FoldScheme.STRATIFIED);
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
}
