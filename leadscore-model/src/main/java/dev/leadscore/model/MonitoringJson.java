package dev.leadscore.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of a model's {@link TrainingReference}, the optional {@code monitoring} field of a
 * {@link ModelArtifact} (whose Javadoc gives its layout): written, and read back with each column,
 * missing rate and score summary checked against the schema.
 *
 * <p>Stateless and thread-safe.
 */
final class MonitoringJson {
  private MonitoringJson() {}

  /** The {@code monitoring} field of an artifact. */
  static ObjectNode write(TrainingReference r) {
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

  /**
   * Reads the {@code monitoring} field, checking it against the schema's monitored columns and
   * missing markers and the number of training rows.
   *
   * @throws ArtifactException naming the field that is wrong
   */
  static TrainingReference read(ObjectNode o, FittedSchema schema, int trainingRows) {
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
}
