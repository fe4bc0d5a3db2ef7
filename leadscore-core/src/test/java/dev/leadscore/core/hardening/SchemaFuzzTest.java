package dev.leadscore.core.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad schema JSON, bad fitted-schema JSON, and arbitrary leads through {@link FittedSchema#extract}.
 *
 * <p>Documented exceptions: {@link FeatureSchema#fromJson} and {@link FittedSchema#fromJson} throw
 * {@link SchemaException} only (malformed or invalid document; a fitted schema whose content does
 * not match its stored fingerprint); the message names the feature ({@code features[i] 'name'})
 * or JSON path and the field, or the line and column of a syntax error. {@link
 * FittedSchema#extract} throws {@link LeadDataException} only (naming the lead and the field), and
 * otherwise writes finite numbers. A fitted schema read from an edited document is either refused
 * or identical to the original (same fingerprint): never silently different.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaFuzzTest {
  /** One feature of every kind (the default schema's), with a hinge and a quantile-bin numeric. */
  private static String smallSchemaJson;
  private static FeatureSchema small;
  private static String smallFittedJson;
  private static FittedSchema smallFitted;
  private static String defaultSchemaJson;
  private static FittedSchema defaultFitted;
  private static String defaultFittedJson;
  private static List<Lead> leads;
  private static Instant asOf;

  @BeforeAll
  static void documents() {
    var data = SyntheticPipeline.builder().size(300).seed(3).build().generate();
    leads = data.leads().stream().map(LabelledLead::lead).toList();
    asOf = data.asOf();
    FeatureSchema def = SyntheticPipeline.defaultSchema();
    defaultSchemaJson = def.toJson();
    defaultFitted = def.fit(leads);
    defaultFittedJson = defaultFitted.toJson();

    small = Schemas.small();
    smallSchemaJson = small.toJson();
    smallFitted = small.fit(leads);
    smallFittedJson = smallFitted.toJson();
    assertTrue(smallFittedJson.contains("knots"), "the small schema fits knots");
  }

  private static boolean namesWhere(String message) {
    return message.contains("line ") || message.contains("features[") || message.contains("feature '")
        || message.contains("fitted[") || message.contains("schema") || message.contains("empty");
  }

  // ------------------------------------------------------------------ FeatureSchema.fromJson

  @Test
  void schemaTruncatedAnywhereIsRefused() {
    Tally t = new Tally("FeatureSchema.fromJson truncated");
    for (String doc : List.of(smallSchemaJson, defaultSchemaJson)) {
      for (int cut : Fuzz.cutPoints(doc.length(), doc == smallSchemaJson ? Integer.MAX_VALUE : 1500)) {
        String prefix = doc.substring(0, cut);
        Outcome<FeatureSchema> o = Fuzz.attempt(t, prefix, () -> FeatureSchema.fromJson(prefix), SchemaException.class);
        if (o.ok() && prefix.strip().equals(doc.strip())) {
          continue; // only trailing whitespace was cut
        }
        if (o.ok()) {
          t.fail("a truncated schema was accepted: " + Fuzz.excerpt(prefix));
        } else if (!o.thrown().getMessage().contains("line ") && !o.thrown().getMessage().contains("empty")) {
          t.fail("no line in: " + o.thrown().getMessage());
        }
      }
    }
    t.assertClean();
  }

  @Test
  void schemaRandomEditsAreRefusedOrRoundTrip() {
    Tally t = new Tally("FeatureSchema.fromJson random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 20);
    for (int i = 0; i < 3000; i++) {
      String doc = Fuzz.mutate(i % 6 == 0 ? defaultSchemaJson : smallSchemaJson, r);
      Outcome<FeatureSchema> o = Fuzz.attempt(t, doc, () -> FeatureSchema.fromJson(doc), SchemaException.class);
      if (o.ok() && !FeatureSchema.fromJson(o.value().toJson()).equals(o.value())) {
        t.fail("accepted schema does not round-trip: " + Fuzz.excerpt(doc));
      } else if (!o.ok() && !namesWhere(o.thrown().getMessage())) {
        t.fail("message names no place: " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  /** Every node of the small schema swapped for every JSON type, removed, and every key renamed. */
  @Test
  void schemaTreeMutationsNameTheFeatureAndField() {
    Tally t = new Tally("FeatureSchema.fromJson type swaps / removals / unknown fields");
    JsonNode root = Fuzz.tree(smallSchemaJson);
    List<JsonNode> variants = new ArrayList<>(Fuzz.swaps());
    variants.add(null);
    for (String p : Fuzz.pointers(root)) {
      String featureIndex = p.startsWith("/features/") ? p.split("/")[2] : null;
      String featureName = featureIndex == null ? null : root.at("/features/" + featureIndex + "/name").asText();
      for (JsonNode v : variants) {
        String doc = Fuzz.compact(Fuzz.with(root, p, v));
        Outcome<FeatureSchema> o = Fuzz.attempt(t, doc, () -> FeatureSchema.fromJson(doc), SchemaException.class);
        if (o.ok()) {
          continue;
        }
        String m = o.thrown().getMessage();
        boolean named = featureIndex == null
            ? m.contains(Fuzz.lastSegment(p)) || m.contains("schema")
            : m.contains("features[" + featureIndex + "]") || m.contains("'" + featureName + "'")
                || (v instanceof TextNode tn && m.contains("'" + tn.asText() + "'"));
        if (!named) {
          t.fail(p + " := " + v + ": message does not name the place: " + m);
        }
      }
      if (root.at(p.substring(0, p.lastIndexOf('/'))).isObject()) {
        String doc = Fuzz.compact(Fuzz.renamed(root, p, "zz_unknown"));
        Outcome<FeatureSchema> o = Fuzz.attempt(t, doc, () -> FeatureSchema.fromJson(doc), SchemaException.class);
        boolean inMapping = p.contains("/mapping/");
        if (!inMapping && (o.ok() || !(o.thrown().getMessage().contains("zz_unknown") || o.thrown().getMessage().contains("missing")))) {
          t.fail("renamed " + p + ": expected the unknown field named, got " + (o.ok() ? "accepted" : o.thrown().getMessage()));
        }
      }
    }
    t.assertClean();
  }

  @Test
  void duplicateKeysAndNumberTokensInSchemas() {
    Tally t = new Tally("FeatureSchema/FittedSchema.fromJson duplicate keys and number tokens");
    for (String doc : List.of(smallSchemaJson, smallFittedJson)) {
      String[] lines = doc.split("\n");
      for (int i = 0; i < lines.length; i++) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*\"(\\w+)\" : (.*?),?$").matcher(lines[i]);
        if (!m.matches() || m.group(2).endsWith("{") || m.group(2).endsWith("[")) {
          continue;
        }
        String key = m.group(1);
        List<String> copy = new ArrayList<>(List.of(lines));
        copy.add(i, "\"" + key + "\" : " + m.group(2) + ",");
        String dup = String.join("\n", copy);
        Outcome<?> o = Fuzz.attempt(t, dup, () -> doc == smallSchemaJson ? FeatureSchema.fromJson(dup) : FittedSchema.fromJson(dup),
            SchemaException.class);
        if (o.ok() || !o.thrown().getMessage().contains("'" + key + "'")) {
          t.fail("duplicate key '" + key + "' at line " + (i + 1) + ": " + (o.ok() ? "accepted" : o.thrown().getMessage()));
        }
        if (m.group(2).matches("-?[0-9.Ee+-]+")) {
          for (String token : Fuzz.NUMBER_TOKENS) {
            List<String> swapped = new ArrayList<>(List.of(lines));
            swapped.set(i, lines[i].replace(" : " + m.group(2), " : " + token));
            String s = String.join("\n", swapped);
            Outcome<?> n = Fuzz.attempt(t, s, () -> doc == smallSchemaJson ? FeatureSchema.fromJson(s) : FittedSchema.fromJson(s),
                SchemaException.class);
            if (!n.ok() && !namesWhere(n.thrown().getMessage())) {
              t.fail("number token " + token + " for '" + key + "': " + n.thrown().getMessage());
            }
            if (n.ok() && doc == smallFittedJson && !n.value().equals(smallFitted)) {
              t.fail("fitted schema silently changed by " + token + " for '" + key + "'");
            }
          }
        }
      }
    }
    String deep = "{\"name\":\"x\",\"version\":1,\"features\":" + Fuzz.nested(100_000) + "}";
    Outcome<FeatureSchema> o = Fuzz.attempt(t, deep, () -> FeatureSchema.fromJson(deep), SchemaException.class);
    assertTrue(!o.ok(), "deeply nested schema refused");
    Outcome<FittedSchema> of = Fuzz.attempt(t, deep, () -> FittedSchema.fromJson(deep), SchemaException.class);
    assertTrue(!of.ok(), "deeply nested fitted schema refused");
    t.assertClean();
  }

  // ------------------------------------------------------------------ FittedSchema.fromJson

  @Test
  void fittedTruncatedOrEditedIsRefusedOrIdentical() {
    Tally trunc = new Tally("FittedSchema.fromJson truncated");
    for (String doc : List.of(smallFittedJson, defaultFittedJson)) {
      for (int cut : Fuzz.cutPoints(doc.length(), doc == smallFittedJson ? Integer.MAX_VALUE : 1500)) {
        String prefix = doc.substring(0, cut);
        Outcome<FittedSchema> o = Fuzz.attempt(trunc, prefix, () -> FittedSchema.fromJson(prefix), SchemaException.class);
        if (o.ok() && !prefix.strip().equals(doc.strip())) {
          trunc.fail("a truncated fitted schema was accepted");
        }
      }
    }
    trunc.assertClean();
    Tally t = new Tally("FittedSchema.fromJson random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 21);
    for (int i = 0; i < 3000; i++) {
      boolean def = i % 6 == 0;
      String doc = Fuzz.mutate(def ? defaultFittedJson : smallFittedJson, r);
      Outcome<FittedSchema> o = Fuzz.attempt(t, doc, () -> FittedSchema.fromJson(doc), SchemaException.class);
      if (o.ok() && !o.value().equals(def ? defaultFitted : smallFitted)) {
        t.fail("an edited fitted schema was accepted with different content: " + Fuzz.excerpt(doc));
      } else if (!o.ok() && !namesWhere(o.thrown().getMessage())) {
        t.fail("message names no place: " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  /**
   * Every node of the small fitted schema (declared part, fitted values, fingerprint) swapped for
   * every JSON type or removed: refused with a SchemaException, or identical to the original.
   */
  @Test
  void fittedTreeMutationsAreRefusedOrIdentical() {
    Tally t = new Tally("FittedSchema.fromJson type swaps / removals / unknown fields");
    JsonNode root = Fuzz.tree(smallFittedJson);
    List<JsonNode> variants = new ArrayList<>(Fuzz.swaps());
    variants.add(null);
    List<String> pointers = Fuzz.pointers(root);
    for (String p : pointers) {
      for (JsonNode v : variants) {
        String doc = Fuzz.compact(Fuzz.with(root, p, v));
        Outcome<FittedSchema> o = Fuzz.attempt(t, doc, () -> FittedSchema.fromJson(doc), SchemaException.class);
        if (o.ok() && !o.value().equals(smallFitted)) {
          t.fail(p + " := " + v + " was accepted with different content");
        } else if (!o.ok() && !namesWhere(o.thrown().getMessage())) {
          t.fail(p + " := " + v + ": message names no place: " + o.thrown().getMessage());
        }
      }
    }
    t.assertClean();
  }

  /**
   * Tampered fitted values behind the declared schema: duplicate, reserved or blank levels,
   * knots out of order or non-finite, imputation values of the wrong kind. The fingerprint check
   * comes last, so these reach the fitted schema's own validation first.
   */
  @Test
  void tamperedFittedValuesAreRefusedAsSchemaErrors() {
    Tally t = new Tally("FittedSchema.fromJson tampered fitted values");
    JsonNode root = Fuzz.tree(smallFittedJson);
    ArrayNode fitted = (ArrayNode) root.get("fitted");
    List<JsonNode> levelSets = List.of(
        Fuzz.tree("[\"software\",\"software\"]"), Fuzz.tree("[\"other\"]"), Fuzz.tree("[\"missing\"]"),
        Fuzz.tree("[\"\"]"), Fuzz.tree("[\" Software \"]"), Fuzz.tree("[null]"), Fuzz.tree("[]"), Fuzz.tree("[1,2]"));
    List<JsonNode> knotSets = List.of(
        Fuzz.tree("[3,2,1]"), Fuzz.tree("[1,1]"), Fuzz.tree("[]"), Fuzz.tree("[1e999]"), Fuzz.tree("[\"1\"]"),
        Fuzz.tree("[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52]"),
        Fuzz.tree("[-1e308,1e308]"));
    for (int i = 0; i < fitted.size(); i++) {
      List<JsonNode> edits = new ArrayList<>();
      for (JsonNode ls : levelSets) {
        edits.add(((ObjectNode) fitted.get(i).deepCopy()).set("levels", ls));
      }
      for (JsonNode ks : knotSets) {
        edits.add(((ObjectNode) fitted.get(i).deepCopy()).set("knots", ks));
      }
      edits.add(((ObjectNode) fitted.get(i).deepCopy()).put("impute", 1e308));
      edits.add(((ObjectNode) fitted.get(i).deepCopy()).put("impute", -0.0));
      edits.add(((ObjectNode) fitted.get(i).deepCopy()).put("feature", "seniority"));
      edits.add(((ObjectNode) fitted.get(i).deepCopy()).put("feature", "no_such_feature"));
      ObjectNode bare = fitted.objectNode().put("feature", fitted.get(i).get("feature").asText());
      edits.add(bare);
      for (JsonNode e : edits) {
        String doc = Fuzz.compact(Fuzz.with(root, "/fitted/" + i, e));
        Outcome<FittedSchema> o = Fuzz.attempt(t, doc, () -> FittedSchema.fromJson(doc), SchemaException.class);
        if (o.ok() && !o.value().equals(smallFitted)) {
          t.fail("fitted[" + i + "] := " + e + " accepted with different content");
        }
      }
    }
    t.assertClean();
  }

  // ------------------------------------------------------------------ FittedSchema.extract

  @Test
  void extractGivesFiniteVectorsOrALeadDataExceptionNamingTheField() {
    Tally t = new Tally("FittedSchema.extract arbitrary leads");
    for (FittedSchema fs : List.of(defaultFitted, smallFitted)) {
      Set<String> fields = new java.util.HashSet<>(fs.schema().attributes());
      fs.schema().features().forEach(f -> fields.add(f.name()));
      Gen<Instant> asOfs = Gen.anyOf(Gen.constant(asOf), Gen.oneOf(Instant.MIN, Instant.MAX, Instant.EPOCH));
      PropertyCheck.forAll(3000, Gen.zip(Leads.arbitrary(fs.schema(), asOf), asOfs, PropertyCheck.Pair::new), in -> {
        Lead lead = in.a();
        Outcome<double[]> o = Fuzz.attempt(t, "lead " + lead.attributes() + " " + lead.events() + " asOf " + in.b(),
            () -> fs.extract(lead, in.b()), LeadDataException.class);
        if (o.ok()) {
          for (int j = 0; j < o.value().length; j++) {
            if (!Double.isFinite(o.value()[j])) {
              throw new AssertionError("column " + fs.columns().get(j).name() + " = " + o.value()[j]
                  + " for " + lead.attributes() + " " + lead.events() + " asOf " + in.b());
            }
          }
        } else if (o.thrown() instanceof LeadDataException e) {
          assertEquals(lead.id(), e.leadId(), e.getMessage());
          assertTrue(fields.contains(e.field()), "field '" + e.field() + "' is one the schema reads: " + e.getMessage());
          assertTrue(e.getMessage().contains(e.field()) && e.getMessage().contains(lead.id()), e.getMessage());
        }
      });
    }
    t.assertClean();
    assertTrue(t.countOf("ok") > 100, "most arbitrary leads extract: " + t.summary());
  }

  @Test
  void leadWithOnlyAnIdExtractsToFiniteImputedValues() {
    System.out.println("[hardening] FittedSchema.extract of a lead with only an id: 2 schemas x 3 instants, all finite");
    Lead bare = Lead.builder("only-id").build();
    for (FittedSchema fs : List.of(defaultFitted, smallFitted)) {
      for (Instant at : List.of(asOf, Instant.MIN, Instant.MAX)) {
        double[] x = fs.extract(bare, at);
        for (double v : x) {
          assertTrue(Double.isFinite(v));
        }
      }
    }
  }
}
