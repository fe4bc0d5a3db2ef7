package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON form of schemas and fitted schemas: round trips, fingerprints and strict reading. */
class SchemaJsonTest {

  static final double INF = Double.POSITIVE_INFINITY;

  static FeatureInfo info(String name, String family) {
    return FeatureInfo.of(name, family);
  }

  /** One feature of every kind, with non-default values wherever there is a choice. */
  static FeatureSchema everyKind() {
    Map<String, Double> mapping = new LinkedHashMap<>();
    mapping.put("01.High", 3.0);
    mapping.put("02.Medium", 2.0);
    mapping.put("03.Low", -0.5);
    return FeatureSchema.of("every-kind", 3,
        new NumericFeature(new FeatureInfo("size", FeatureInfo.FIRMOGRAPHIC,
            ReasonTemplates.legacy("Company of {value} people", "Only {value} people", "Size unknown"), false),
            "company_size", true, 1, 5000.5, Imputation.constant(12.25), true, List.of("Select", "999")),
        NumericFeature.of(info("revenue", FeatureInfo.FIRMOGRAPHIC), "revenue"),
        new NumericFeature(info("score", "custom_family"), "score", false, -INF, 10, Imputation.median(), false, List.of()),
        new BooleanFeature(info("dm", FeatureInfo.FIRMOGRAPHIC).withActionable(true), "decision_maker", Imputation.mean(), true,
            List.of("n/a")),
        BooleanFeature.of(info("opt_in", FeatureInfo.EMAIL), "opt_in"),
        new OrdinalFeature(info("quality", FeatureInfo.FIRMOGRAPHIC), "lead_quality", mapping, Imputation.constant(2), true,
            List.of("Select")),
        CategoricalFeature.learned(info("industry", FeatureInfo.FIRMOGRAPHIC), "industry", 3, List.of("Select")),
        new CategoricalFeature(info("region", FeatureInfo.FIRMOGRAPHIC), "region", List.of("EMEA", "North America"), 1, false,
            List.of()),
        new TitleSeniorityFeature(info("seniority", FeatureInfo.FIRMOGRAPHIC), "title", List.of("none given")),
        new EmailDomainFeature(info("email_domain", FeatureInfo.EMAIL), "email", List.of("mail.example"), List.of("Rival.com")),
        new EventCountFeature(info("pricing_hl", FeatureInfo.BEHAVIORAL), List.of("pricing", "demo"), 90, Decay.halfLife(7.5), 40,
            true),
        new EventCountFeature(info("visits_steps", FeatureInfo.BEHAVIORAL), List.of("visit"), INF, Decay.standardSteps(), INF, false),
        EventCountFeature.of(info("opens_30d", FeatureInfo.EMAIL), "email_open", 30),
        new RecencyFeature(info("recency", FeatureInfo.BEHAVIORAL), List.of("visit", "pricing"), 120.5, true),
        new RecencyFeature(info("recency_plain", FeatureInfo.BEHAVIORAL), List.of("visit"), 30, false),
        new InteractionFeature(info("dm_x_pricing", FeatureInfo.BEHAVIORAL), "dm", "pricing_hl"),
        new InteractionFeature(info("vp_x_visits", FeatureInfo.BEHAVIORAL), "seniority=vp", "visits_steps"),
        new InteractionFeature(info("saas_x_size", FeatureInfo.BEHAVIORAL), "industry=saas", "size_missing"),
        new InteractionFeature(info("emea_x_opens", FeatureInfo.EMAIL), "region=emea", "opens_30d"));
  }

  static void assertRoundTrips(FeatureSchema s) {
    String json = s.toJson();
    FeatureSchema back = FeatureSchema.fromJson(json);
    assertEquals(s, back);
    assertEquals(s.hashCode(), back.hashCode());
    assertEquals(s.features(), back.features()); // record by record
    assertEquals(s.fingerprint(), back.fingerprint());
    assertEquals(json, back.toJson());
  }

  // ==================================================================== round trips

  @Test
  void everyFeatureKindRoundTrips() {
    FeatureSchema s = everyKind();
    Set<String> kinds = new HashSet<>();
    s.features().forEach(f -> kinds.add(f.kind()));
    assertEquals(Set.of("numeric", "boolean", "ordinal", "categorical", "titleSeniority", "emailDomain", "eventCount", "recency",
        "interaction"), kinds);
    assertRoundTrips(s);
    for (FeatureSpec f : s.features()) {
      // and each kind alone (interactions need their parents)
      if (!(f instanceof InteractionFeature)) {
        assertRoundTrips(FeatureSchema.of("one", 1, f));
      }
    }
  }

  @Test
  void readsFromAStream() {
    FeatureSchema s = everyKind();
    assertEquals(s, FeatureSchema.read(new ByteArrayInputStream(s.toJson().getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void defaultsOfAMinimalDocument() {
    FeatureSchema s = FeatureSchema.fromJson("""
        {"name": "min", "version": 1, "features": [
          {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "company_size"},
          {"kind": "boolean", "name": "dm", "family": "firmographic", "attribute": "dm"},
          {"kind": "categorical", "name": "industry", "family": "firmographic", "attribute": "industry"},
          {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["visit"]}
        ]}
        """);
    assertEquals(new NumericFeature(FeatureInfo.of("size", "firmographic"), "company_size", false, -INF, INF, Imputation.mean(), false,
        List.of()), s.feature("size"));
    assertEquals(BooleanFeature.of(FeatureInfo.of("dm", "firmographic"), "dm"), s.feature("dm"));
    assertEquals(CategoricalFeature.learned(FeatureInfo.of("industry", "firmographic"), "industry", 1, List.of()), s.feature("industry"));
    assertEquals(new EventCountFeature(FeatureInfo.of("visits", "behavioral"), List.of("visit"), INF, Decay.none(), INF, false),
        s.feature("visits"));
    assertRoundTrips(s);
  }

  @Test
  void theFittedFormRoundTripsAndExtractsBitIdentically() {
    FittedSchema fitted = ExtractionProperties.SCHEMA;
    String json = fitted.toJson();
    FittedSchema back = FittedSchema.fromJson(json);
    assertEquals(fitted.fingerprint(), back.fingerprint());
    assertEquals(fitted, back);
    assertEquals(json, back.toJson());
    assertEquals(fitted.columns(), back.columns());
    assertEquals(fitted.levels("industry"), back.levels("industry"));
    assertEquals(Double.doubleToRawLongBits(fitted.imputedValue("amount")), Double.doubleToRawLongBits(back.imputedValue("amount")));
    PropertyCheck.forAll(ExtractionProperties.inputs(), in -> {
      Lead lead = in.lead();
      double[] a;
      try {
        a = fitted.extract(lead, ExtractionProperties.AS_OF);
      } catch (LeadDataException e) {
        LeadDataException e2 = assertThrows(LeadDataException.class, () -> back.extract(lead, ExtractionProperties.AS_OF));
        assertEquals(e.getMessage(), e2.getMessage());
        return;
      }
      assertTrue(Arrays.equals(a, back.extract(lead, ExtractionProperties.AS_OF)));
    });
  }

  @Test
  void imputedValuesSurviveTheRoundTripBitForBit() {
    // a constant imputation is stored transformed; any finite double must come back with the same bits
    PropertyCheck.forAll(Gen.finiteDoubles(), v -> {
      FittedSchema f = FeatureSchema.of("s", 1,
          new NumericFeature(info("x", "firmographic"), "x", false, -INF, INF, Imputation.constant(v), false, List.of()),
          new NumericFeature(info("y", "firmographic"), "y", true, -INF, INF, Imputation.constant(v), false, List.of()))
          .fit(List.of());
      FittedSchema back = FittedSchema.fromJson(f.toJson());
      assertEquals(f.fingerprint(), back.fingerprint());
      assertEquals(Double.doubleToRawLongBits(f.imputedValue("x")), Double.doubleToRawLongBits(back.imputedValue("x")));
      assertEquals(Double.doubleToRawLongBits(f.imputedValue("y")), Double.doubleToRawLongBits(back.imputedValue("y")));
    });
  }

  @Test
  void aHandEditedFittedDocumentIsRefused() {
    FittedSchema fitted = ExtractionProperties.SCHEMA;
    String json = fitted.toJson();
    Matcher m = Pattern.compile("\"impute\" : ([-0-9.Ee]+)").matcher(json);
    assertTrue(m.find(), json);
    String edited = json.substring(0, m.start(1)) + "123.0" + json.substring(m.end(1));
    SchemaException e = assertThrows(SchemaException.class, () -> FittedSchema.fromJson(edited));
    assertTrue(e.getMessage().contains("fingerprint mismatch"), e.getMessage());

    // so is an edited level, and an edited declaration inside the fitted document
    SchemaException e2 = assertThrows(SchemaException.class, () -> FittedSchema.fromJson(json.replace("\"retail\"", "\"fintech\"")));
    assertTrue(e2.getMessage().contains("fingerprint mismatch"), e2.getMessage());
    SchemaException e3 = assertThrows(SchemaException.class,
        () -> FittedSchema.fromJson(json.replace("\"windowDays\" : 90.0", "\"windowDays\" : 91.0")));
    assertTrue(e3.getMessage().contains("fingerprint mismatch"), e3.getMessage());
  }

  @Test
  void badFittedDocuments() {
    String json = ExtractionProperties.SCHEMA.toJson();
    assertBadFitted(json.replaceFirst(",\\s*\"fingerprint\" : \"[^\"]+\"", ""), "fingerprint");
    assertBadFitted(json.replace("leadscore.fitted-schema", "something.else"), "format");
    assertBadFitted(json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"), "formatVersion 2");
    assertBadFitted(json.replace("\"feature\" : \"amount\"", "\"feature\" : \"amount2\""), "fitted[0]", "amount2");
    assertBadFitted(json.replaceFirst("\"levels\" : \\[ [^\\]]* \\]", "\"lvls\" : [ ]"), "lvls");
    assertBadFitted(json.replaceFirst("\"impute\" : [-0-9.Ee]+", "\"impute\" : \"1\""), "impute");
    assertBadFitted(ExtractionProperties.SCHEMA.schema().toJson(), "format");
    assertBadFitted("", "empty");
  }

  static void assertBadFitted(String json, String... fragments) {
    SchemaException e = assertThrows(SchemaException.class, () -> FittedSchema.fromJson(json));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }
  }

  // ==================================================================== fingerprints

  @Test
  void theFingerprintChangesWithAnyDeclaredDetail() {
    // each variant differs from the first in one declared detail
    List<FeatureSchema> variants = new ArrayList<>();
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7));
    variants.add(variant("s2", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7)); // schema name
    variants.add(variant("s", 2, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7)); // version
    variants.add(variant("s", 1, "size2", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7)); // feature name
    variants.add(variant("s", 1, "size", "behavioral", "Big: {value}", 30, 0.75, "Select", false, 7)); // family
    variants.add(variant("s", 1, "size", "firmographic", "Large: {value}", 30, 0.75, "Select", false, 7)); // a template
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 31, 0.75, "Select", false, 7)); // a window
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.7, "Select", false, 7)); // a decay weight
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "select", false, 7)); // a missing token
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", true, 7)); // actionable
    variants.add(variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7.5)); // a half-life
    Set<String> fingerprints = new HashSet<>();
    for (FeatureSchema v : variants) {
      assertTrue(fingerprints.add(v.fingerprint()), "two variants share " + v.fingerprint() + ":\n" + v.toJson());
    }
    // and an identical declaration built again has the same fingerprint
    assertEquals(variants.get(0).fingerprint(),
        variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7).fingerprint());
    assertEquals(variants.get(0), variant("s", 1, "size", "firmographic", "Big: {value}", 30, 0.75, "Select", false, 7));
    assertNotEquals(variants.get(0), variants.get(7));
  }

  static FeatureSchema variant(String schemaName, int version, String name, String family, String positive, double window,
      double weight, String token, boolean actionable, double halfLife) {
    return FeatureSchema.of(schemaName, version,
        new NumericFeature(new FeatureInfo(name, family, ReasonTemplates.legacy(positive, "Small: {value}", "Unknown size"), actionable),
            "company_size", true, 0, 1000, Imputation.mean(), true, List.of(token)),
        new EventCountFeature(info("visits", "behavioral"), List.of("visit"), window,
            new Decay.StepSchedule(List.of(new Decay.Step(7, 1), new Decay.Step(30, weight)), 0.25), INF, false),
        new EventCountFeature(info("opens", "email"), List.of("open"), 30, Decay.halfLife(halfLife), INF, false));
  }

  @Test
  void aFittedFingerprintCoversTheFittedValues() {
    FeatureSchema s = FeatureSchema.of("s", 1, NumericFeature.of(info("x", "firmographic"), "x"));
    FittedSchema a = s.fit(List.of(Lead.builder("a").number("x", 1).build()));
    FittedSchema b = s.fit(List.of(Lead.builder("a").number("x", 2).build()));
    assertNotEquals(a.fingerprint(), b.fingerprint());
    assertNotEquals(a.fingerprint(), s.fingerprint());
    assertEquals(a.fingerprint(), s.fit(List.of(Lead.builder("other").number("x", 1).build())).fingerprint());
  }

  @Test
  void textThatIsNotValidUnicodeStillGetsItsOwnFingerprint() {
    // a lone surrogate has no UTF-8 form; hashing must not fold it into '?'
    FeatureSchema lone = FeatureSchema.of("s", 1, new TitleSeniorityFeature(info("t", "firmographic"), "title", List.of("\uD800")));
    FeatureSchema question = FeatureSchema.of("s", 1, new TitleSeniorityFeature(info("t", "firmographic"), "title", List.of("?")));
    assertNotEquals(lone, question);
    assertNotEquals(lone.fingerprint(), question.fingerprint());
    assertRoundTrips(lone);
  }

  // ==================================================================== bad documents

  static String doc(String... features) {
    return "{\"name\": \"s\", \"version\": 1, \"features\": [\n" + String.join(",\n", features) + "\n]}";
  }

  static final String SIZE = """
      {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "company_size"}""";

  static SchemaException assertBad(String json, String... fragments) {
    SchemaException e = assertThrows(SchemaException.class, () -> FeatureSchema.fromJson(json));
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
    }
    return e;
  }

  @Test
  void unknownKind() {
    assertBad(doc("""
        {"kind": "numerc", "name": "size", "family": "firmographic", "attribute": "a"}"""), "'size'", "kind", "'numerc'", "numeric");
  }

  @Test
  void unknownField() {
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "atribute": "company_size"}"""), "'size'",
        "unknown field 'atribute'");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"],
         "decay": {"type": "halfLife", "days": 7, "weight": 1}}"""), "'visits'", "'weight'");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a",
         "reasons": {"positive": "p", "negative": "n", "missing": "m", "neutral": "x"}}"""), "'size'", "'neutral'");
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": [" + SIZE + "], \"extra\": 1}", "schema", "'extra'");
  }

  @Test
  void missingRequiredField() {
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic"}"""), "'size'", "missing required field 'attribute'");
    assertBad(doc("""
        {"kind": "recency", "name": "recency", "family": "behavioral", "eventTypes": ["v"]}"""), "'recency'", "'capDays'");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "attribute": "a"}"""), "'size'", "'family'");
    assertBad(doc("""
        {"kind": "numeric", "family": "firmographic", "attribute": "a"}"""), "features[0]", "'name'");
    assertBad(doc("""
        {"name": "size", "family": "firmographic", "attribute": "a"}"""), "'size'", "'kind'");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a",
         "reasons": {"positive": "p", "negative": "n"}}"""), "'size'", "'missing'");
    assertBad("{\"version\": 1, \"features\": [" + SIZE + "]}", "schema", "'name'");
    assertBad("{\"name\": \"s\", \"features\": [" + SIZE + "]}", "schema", "'version'");
  }

  @Test
  void wrongType() {
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"], "windowDays": "30"}"""),
        "'visits'", "'windowDays'", "number", "\"30\"");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a", "log1p": "yes"}"""), "'size'", "'log1p'");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": 7}"""), "'size'", "'attribute'", "text");
    assertBad(doc("""
        {"kind": "categorical", "name": "industry", "family": "firmographic", "attribute": "a", "minCount": 2.5}"""),
        "'industry'", "'minCount'", "integer");
    assertBad(doc("""
        {"kind": "ordinal", "name": "q", "family": "firmographic", "attribute": "a", "mapping": {"High": "3"}}"""), "'q'", "mapping",
        "High");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": "visit"}"""), "'visits'", "'eventTypes'");
    assertBad("{\"name\": \"s\", \"version\": \"1\", \"features\": [" + SIZE + "]}", "'version'", "integer");
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": {}}", "'features'", "array");
    assertBad("[]", "expected a JSON object");
    assertBad(doc("[]"), "features[0]", "expected a JSON object");
  }

  @Test
  void invalidValues() {
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"],
         "decay": {"type": "halfLife", "days": -3}}"""), "'visits'", "decay", "half-life", "-3");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"],
         "decay": {"type": "steps", "steps": [{"upToDays": 30, "weight": 0.75}, {"upToDays": 7, "weight": 1}], "beyond": 0.25}}"""),
        "'visits'", "decay", "upToDays", "increasing");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"],
         "decay": {"type": "steps", "steps": [{"upToDays": 7, "weight": -1}], "beyond": 0.25}}"""), "'visits'", "decay", "weight");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"], "decay": {"type": "linear"}}"""),
        "'visits'", "decay", "linear");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v"], "windowDays": -30}"""),
        "'visits'", "windowDays", "-30");
    assertBad(doc("""
        {"kind": "eventCount", "name": "visits", "family": "behavioral", "eventTypes": ["v", "v"]}"""), "'visits'", "eventTypes");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a", "clipMin": 10, "clipMax": 1}"""),
        "'size'", "clipMin");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a", "imputation": {"strategy": "mode"}}"""),
        "'size'", "imputation", "mode");
    assertBad(doc("""
        {"kind": "boolean", "name": "dm", "family": "firmographic", "attribute": "a",
         "imputation": {"strategy": "constant", "value": 0.5}}"""), "'dm'", "0.5");
    assertBad(doc("""
        {"kind": "categorical", "name": "industry", "family": "firmographic", "attribute": "a", "levels": ["SaaS", " saas"]}"""),
        "'industry'", "levels");
    assertBad(doc("""
        {"kind": "categorical", "name": "industry", "family": "firmographic", "attribute": "a", "levels": ["Other"]}"""),
        "'industry'", "reserved");
    assertBad(doc("""
        {"kind": "emailDomain", "name": "email", "family": "email", "attribute": "a", "competitorDomains": ["x@rival.com"]}"""),
        "'email'", "domain");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "  "}"""), "'size'", "attribute");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a",
         "reasons": {"positive": " ", "negative": "n", "missing": "m"}}"""), "'size'", "positive");
    assertBad("{\"name\": \"s\", \"version\": 0, \"features\": [" + SIZE + "]}", "version", ">= 1");
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": []}", "at least one feature");
  }

  @Test
  void blankOrMalformedFamily() {
    SchemaException e = assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "", "attribute": "a"}"""), "'size'", "family");
    assertEquals(1, e.getMessage().split("'size'", -1).length - 1, "names the feature once: " + e.getMessage());
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "Behavioral", "attribute": "a"}"""), "'size'", "family", "Behavioral");
    assertBad(doc("""
        {"kind": "numeric", "name": "bad name", "family": "firmographic", "attribute": "a"}"""), "'bad name'", "name");
  }

  @Test
  void interactionParentsMustBeDeclaredBefore() {
    assertBad(doc(SIZE, """
        {"kind": "interaction", "name": "combo", "family": "behavioral", "left": "size", "right": "nope"}"""),
        "'combo'", "right", "'nope'");
    // declared, but after the interaction
    assertBad(doc("""
        {"kind": "interaction", "name": "combo", "family": "behavioral", "left": "size", "right": "size"}""", SIZE),
        "'combo'", "left", "'size'");
    // a level that the declared levels do not have
    assertBad(doc("""
        {"kind": "categorical", "name": "region", "family": "firmographic", "attribute": "r", "levels": ["EMEA"]}""", """
        {"kind": "interaction", "name": "combo", "family": "behavioral", "left": "region=apac", "right": "region=emea"}"""),
        "'combo'", "left", "region=apac");
  }

  @Test
  void aLearnedLevelAsParentIsCheckedWhenFitted() {
    FeatureSchema s = FeatureSchema.fromJson(doc("""
        {"kind": "categorical", "name": "industry", "family": "firmographic", "attribute": "industry", "minCount": 2}""", """
        {"kind": "interaction", "name": "combo", "family": "behavioral", "left": "industry=saas", "right": "industry=other"}"""));
    Lead saas = Lead.builder("a").text("industry", "SaaS").build();
    FittedSchema fitted = s.fit(List.of(saas, saas));
    assertEquals(List.of("saas"), fitted.levels("industry"));
    SchemaException e = assertThrows(SchemaException.class, () -> s.fit(List.of(saas)));
    assertTrue(e.getMessage().contains("'combo'") && e.getMessage().contains("industry=saas"), e.getMessage());
  }

  @Test
  void duplicateNamesAndColumns() {
    assertBad(doc(SIZE, SIZE), "'size'", "unique");
    assertBad(doc("""
        {"kind": "numeric", "name": "size", "family": "firmographic", "attribute": "a", "missingFlag": true}""", """
        {"kind": "boolean", "name": "size_missing", "family": "firmographic", "attribute": "b"}"""), "'size_missing'", "column");
  }

  @Test
  void invalidJsonSyntax() {
    assertBad("{\n  \"name\": \"s\",\n  \"version\": 1\n  \"features\": []\n}", "not valid JSON", "line 4", "column");
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": [" + SIZE, "not valid JSON", "line");
    // a key twice: not silently "last one wins"
    assertBad("{\"name\": \"s\", \"name\": \"t\", \"version\": 1, \"features\": [" + SIZE + "]}", "not valid JSON", "name");
    // anything after the document: not silently ignored
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": [" + SIZE + "]} {}", "not valid JSON");
    assertBad("{\"name\": \"s\", \"version\": 1, \"features\": [" + SIZE + "]}]", "not valid JSON");
  }

  @Test
  void emptyDocuments() {
    assertBad("", "empty");
    assertBad("  \n ", "empty");
    assertBad(null, "empty");
    assertBad("null", "expected a JSON object");
  }

  // ==================================================================== arbitrary valid schemas

  static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";

  static Gen<String> nonBlank(int maxLen) {
    return Gen.anyStrings(maxLen).filter(s -> !s.isBlank());
  }

  static Gen<Double> positive() {
    return Gen.anyOf(Gen.doubles(1e-9, 1e6), Gen.decimals(0.01, 400, 2), Gen.finiteDoubles().map(Math::abs).filter(d -> d > 0));
  }

  static Gen<Imputation> imputations() {
    return Gen.anyOf(Gen.constant(Imputation.mean()), Gen.constant(Imputation.median()),
        Gen.finiteDoubles().map(Imputation::constant));
  }

  static Gen<List<String>> tokens() {
    return Gen.lists(Gen.anyStrings(8), 0, 3);
  }

  /** Distinct after normalisation, non-blank, not reserved: what declared levels and mapping keys need. */
  static Gen<List<String>> distinctKeys(int min, int max) {
    return Gen.lists(nonBlank(10), min, max).map(l -> {
      Set<String> seen = new HashSet<>();
      List<String> out = new ArrayList<>();
      for (String s : l) {
        String n = Specs.normalise(s);
        if (!n.isEmpty() && !n.equals("other") && !n.equals("missing") && seen.add(n)) {
          out.add(s);
        }
      }
      return out;
    }).filter(l -> l.size() >= min);
  }

  static Gen<Decay> decays() {
    Gen<Double> weight = Gen.anyOf(Gen.decimals(0, 1, 2), Gen.finiteDoubles().map(Math::abs));
    Gen<Decay> steps = r -> {
      // strictly increasing bounds: distinct values sorted, sometimes starting at 0 or one ulp apart
      List<Double> bounds = Gen.distinctLists(positive(), 1, 4).next(r);
      if (r.nextBoolean()) {
        bounds.add(0.0);
      }
      if (r.nextBoolean()) {
        bounds.add(Math.nextUp(bounds.get(0)));
      }
      List<Decay.Step> list = bounds.stream().distinct().sorted().map(b -> new Decay.Step(b, weight.next(r))).toList();
      return new Decay.StepSchedule(list, weight.next(r));
    };
    return Gen.anyOf(Gen.constant(Decay.none()), positive().map(Decay::halfLife), steps);
  }

  static Gen<FeatureInfo> infos(String name) {
    Gen<String> family = Gen.anyOf(Gen.oneOf("behavioral", "email", "firmographic"),
        Gen.zip(Gen.strings("abcdefghijklmnopqrstuvwxyz", 1, 1), Gen.strings("abcdefghijklmnopqrstuvwxyz0123456789_", 0, 12),
            String::concat));
    Gen<ReasonTemplates> reasons = Gen.anyOf(Gen.constant(ReasonTemplates.plain(name)),
        r -> {
          // three draws whatever the form, so the generator's other choices stay as they were
          String a = nonBlank(40).next(r);
          String b = nonBlank(40).next(r);
          String c = nonBlank(40).next(r);
          return a.length() % 3 == 0 ? ReasonTemplates.of(a, c)
              : a.length() % 3 == 1 ? ReasonTemplates.yesNo(a, b, c) : ReasonTemplates.legacy(a, b, c);
        });
    return r -> new FeatureInfo(name, family.next(r), reasons.next(r), r.nextBoolean());
  }

  /** A feature of a random kind named {@code name}; interactions pick parents among {@code columns}. */
  static FeatureSpec feature(SplittableRandom r, String name, List<String> columns) {
    FeatureInfo info = infos(name).next(r);
    int kind = r.nextInt(columns.isEmpty() ? 8 : 9);
    switch (kind) {
      case 0: {
        double a = r.nextInt(3) == 0 ? Double.NEGATIVE_INFINITY : Gen.finiteDoubles().next(r);
        double b = r.nextInt(3) == 0 ? Double.POSITIVE_INFINITY : Gen.finiteDoubles().next(r);
        double lo = Double.isInfinite(a) || Double.isInfinite(b) ? a : Math.min(a, b);
        double hi = Double.isInfinite(a) || Double.isInfinite(b) ? b : Math.max(a, b);
        return new NumericFeature(info, nonBlank(12).next(r), r.nextBoolean(), lo, hi, imputations().next(r), r.nextBoolean(),
            tokens().next(r));
      }
      case 1:
        return new BooleanFeature(info, nonBlank(12).next(r),
            Gen.oneOf(Imputation.mean(), Imputation.median(), Imputation.constant(0), Imputation.constant(1)).next(r),
            r.nextBoolean(), tokens().next(r));
      case 2: {
        Map<String, Double> mapping = new LinkedHashMap<>();
        for (String k : distinctKeys(1, 5).next(r)) {
          mapping.put(k, Gen.finiteDoubles().next(r));
        }
        return new OrdinalFeature(info, nonBlank(12).next(r), mapping, imputations().next(r), r.nextBoolean(), tokens().next(r));
      }
      case 3:
        return new CategoricalFeature(info, nonBlank(12).next(r), r.nextBoolean() ? List.of() : distinctKeys(1, 4).next(r),
            Gen.ints(1, 1000).next(r), r.nextBoolean(), tokens().next(r));
      case 4:
        return new EventCountFeature(info, Gen.distinctLists(nonBlank(10), 1, 3).next(r),
            r.nextInt(3) == 0 ? INF : positive().next(r), decays().next(r), r.nextInt(3) == 0 ? INF : positive().next(r),
            r.nextBoolean());
      case 5:
        return new RecencyFeature(info, Gen.distinctLists(nonBlank(10), 1, 3).next(r), positive().next(r), r.nextBoolean());
      case 6:
        return new TitleSeniorityFeature(info, nonBlank(12).next(r), tokens().next(r));
      case 7: {
        Gen<String> domain = nonBlank(12).filter(d -> !d.contains("@"));
        return new EmailDomainFeature(info, nonBlank(12).next(r), Gen.lists(domain, 0, 3).next(r), Gen.lists(domain, 0, 3).next(r));
      }
      default:
        return new InteractionFeature(info, columns.get(r.nextInt(columns.size())), columns.get(r.nextInt(columns.size())));
    }
  }

  static Gen<FeatureSchema> schemas() {
    return r -> {
      int n = 1 + r.nextInt(8);
      List<FeatureSpec> features = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // unique names; no '_' in the suffix, so no name can be another's "<name>_missing" column
        FeatureSpec f = feature(r, "f" + i + Gen.strings(NAME_CHARS, 0, 6).next(r), columns);
        features.add(f);
        columns.addAll(FittedSchema.declaredColumnNames(f));
      }
      return FeatureSchema.of(Gen.anyOf(nonBlank(20), Gen.constant("s")).next(r), Gen.ints(1, Integer.MAX_VALUE).next(r), features);
    };
  }

  @Test
  void arbitraryValidSchemasRoundTripWithTheirFingerprint() {
    PropertyCheck.forAll(500, schemas(), SchemaJsonTest::assertRoundTrips);
  }

  @Test
  void theGeneratorCoversEveryKind() {
    Set<String> kinds = new HashSet<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 200; i++) {
      schemas().next(r).features().forEach(f -> kinds.add(f.kind()));
    }
    assertEquals(9, kinds.size(), kinds.toString());
  }
}
