package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON round trips, fingerprints and strict reading of rule sets. */
class RuleSetJsonTest {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  @Test
  void roundTripKeepsTheFingerprintAndScoresBitIdentically() {
    RuleSet set = RuleScorerProperties.richRuleSet().withBase(2.5).withDescription("weights by the sales team")
        .withScale(new RuleSet.Scale(-10, 70));
    String json = set.toJson();
    RuleSet back = RuleSet.fromJson(json);
    assertEquals(set, back);
    assertEquals(set.fingerprint(), back.fingerprint());
    assertEquals(json, back.toJson());
    assertTrue(set.fingerprint().matches("sha256:[0-9a-f]{64}"), set.fingerprint());
    RuleScorer a = RuleScorer.of(set, SCHEMA);
    RuleScorer b = RuleScorer.of(back, SCHEMA);
    PropertyCheck.forAll(300, RuleScorerProperties.leads(), lead -> {
      RuleScore x = a.evaluate(lead, AS_OF, Detail.EXPLAINED);
      RuleScore y = b.evaluate(lead, AS_OF, Detail.EXPLAINED);
      assertEquals(Double.doubleToRawLongBits(x.points()), Double.doubleToRawLongBits(y.points()));
      assertEquals(x, y);
    });
  }

  @Test
  void arbitraryRuleSetsRoundTrip() {
    PropertyCheck.forAll(300, RuleScorerProperties.ruleSets(), set -> {
      RuleSet back = RuleSet.fromJson(set.toJson());
      assertEquals(set, back);
      assertEquals(set.fingerprint(), back.fingerprint());
      assertEquals(set.rules(), back.rules());
    });
  }

  @Test
  void everyDetailChangesTheFingerprint() {
    RuleSet set = RuleScorerProperties.richRuleSet();
    assertNotEquals(set.fingerprint(), set.withBase(1).fingerprint());
    assertNotEquals(set.fingerprint(), set.withNameAndVersion("rich", 4).fingerprint());
    assertNotEquals(set.fingerprint(), set.withDescription("x").fingerprint());
    List<Rule> rules = new java.util.ArrayList<>(set.rules());
    rules.set(6, Rule.Flag.of("decision_maker", "decision_maker", 10.5, 0));
    assertNotEquals(set.fingerprint(), set.withRules(rules).fingerprint());
    assertEquals(set.fingerprint(), RuleScorerProperties.richRuleSet().fingerprint());
  }

  @Test
  void readsFilesStreamsAndOpenEndedLimits(@TempDir Path dir) throws Exception {
    RuleSet set = RuleSet.of("io", 1,
        new Rule.Events("opens", List.of("email_open"), 2, Decay.halfLife(7), Double.POSITIVE_INFINITY, 5,
            ReasonTemplates.of("Opened {value}", "No email opened").withUnit("emails", null)),
        Rule.Bands.of("size", "company_size", new Rule.Band(Double.NEGATIVE_INFINITY, 50, 1),
            new Rule.Band(50, Double.POSITIVE_INFINITY, 3)));
    Path file = dir.resolve("rules.json");
    Files.writeString(file, set.toJson());
    assertEquals(set, RuleSet.read(file));
    assertEquals(set, RuleSet.read(new ByteArrayInputStream(set.toJson().getBytes(StandardCharsets.UTF_8))));
    String json = set.toJson();
    assertTrue(!json.contains("windowDays") && !json.contains("Infinity"), json);
    assertTrue(json.contains("\"to\" : 50.0") && json.contains("\"from\" : 50.0"), json);
  }

  @Test
  void integersAndDoublesReadAlike() {
    String a = doc("{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": 10}");
    String b = doc("{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": 10.0, \"ifFalse\": 0}");
    assertEquals(RuleSet.fromJson(a).fingerprint(), RuleSet.fromJson(b).fingerprint());
  }

  private static String doc(String... rules) {
    return "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 1, \"rules\": ["
        + String.join(",", rules) + "]}";
  }

  private static final String PRICING = "{\"kind\": \"events\", \"id\": \"pricing\", \"eventTypes\": [\"pricing_page_visit\"],"
      + " \"pointsPerEvent\": 8, \"decay\": {\"type\": \"none\"}, \"maxEvents\": 3}";
  private static final String DM = "{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": 10}";

  /** Each malformed or invalid document, and the start of the message that must name the rule and the value. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"kind\": \"magic\", \"id\": \"m\"}|rule 'm' (rules[0]): unknown rule kind 'magic'",
      "{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": 1, \"class\": \"java.lang.Runtime\"}"
          + "|rule 'dm' (rules[0]): unknown field 'class'",
      "{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\"}|rule 'dm' (rules[0]): missing required field 'ifTrue'",
      "{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": \"10\"}"
          + "|rule 'dm' (rules[0]): field 'ifTrue' must be a finite number, got \"10\"",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"halfLife\", \"days\": -3}, \"maxEvents\": 3}"
          + "|rule 'p' (rules[0]): decay: half-life days must be finite and > 0, got -3.0",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"steps\", \"steps\": [{\"upToDays\": 7, \"weight\": 0.5}, {\"upToDays\": 30, \"weight\": 1}],"
          + " \"beyond\": 0}, \"maxEvents\": 3}|rule 'p' (rules[0]): decay step weights must not increase with age",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"steps\", \"steps\": [{\"upToDays\": 30, \"weight\": 1}, {\"upToDays\": 7, \"weight\": 0.5}],"
          + " \"beyond\": 0}, \"maxEvents\": 3}|rule 'p' (rules[0]): decay: step upToDays must be strictly increasing, got 30.0 then 7.0",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"none\"}, \"maxEvents\": 0}|rule 'p' (rules[0]): maxEvents must be in [1, 1000000], got 0",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"none\"}}|rule 'p' (rules[0]): missing required field 'maxEvents'",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"pricing_page_visit\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"none\"}, \"windowDays\": -1, \"maxEvents\": 3}|rule 'p' (rules[0]): windowDays must be > 0",
      "{\"kind\": \"events\", \"id\": \"p\", \"eventTypes\": [\"a\", \"a\"], \"pointsPerEvent\": 8,"
          + " \"decay\": {\"type\": \"none\"}, \"maxEvents\": 3}|rule 'p' (rules[0]): event type 'a' is listed twice",
      "{\"kind\": \"bands\", \"id\": \"size\", \"feature\": \"company_size\", \"bands\": [{\"from\": 50, \"to\": 200, \"points\": 10},"
          + " {\"from\": 100, \"to\": 500, \"points\": 5}]}|rule 'size' (rules[0]): bands must be ordered and must not overlap, got"
          + " [50.0, 200.0) -> 10.0 then [100.0, 500.0) -> 5.0",
      "{\"kind\": \"bands\", \"id\": \"size\", \"feature\": \"company_size\", \"bands\": [{\"from\": 200, \"points\": 10},"
          + " {\"from\": 50, \"to\": 200, \"points\": 5}]}|rule 'size' (rules[0]): bands must be ordered and must not overlap",
      "{\"kind\": \"bands\", \"id\": \"size\", \"feature\": \"company_size\", \"bands\": [{\"from\": 200, \"to\": 50, \"points\": 10}]}"
          + "|rule 'size' (rules[0]): bands[0]: a band needs from < to, got [200.0, 50.0)",
      "{\"kind\": \"levels\", \"id\": \"sen\", \"feature\": \"job_title\", \"points\": {\"VP\": 5, \"vp \": 6}}"
          + "|rule 'sen' (rules[0]): level 'vp' is given points twice",
      "{\"kind\": \"levels\", \"id\": \"sen\", \"feature\": \"job_title\", \"points\": {}}"
          + "|rule 'sen' (rules[0]): a levels rule needs at least one level with points",
      "{\"kind\": \"bonus\", \"id\": \"b\", \"parts\": [\"dm\"], \"multiplier\": 1.5, \"text\": \"x\"}"
          + "|rule 'b' (rules[0]): a bonus needs at least two parts (rule ids), got [dm]",
      "{\"kind\": \"bonus\", \"id\": \"b\", \"parts\": [\"dm\", \"pricing\"], \"multiplier\": 0, \"text\": \"x\"}"
          + "|rule 'b' (rules[0]): multiplier must be finite and > 0, got 0.0",
      "{\"kind\": \"bonus\", \"id\": \"b\", \"parts\": [\"dm\", \"pricing\"], \"multiplier\": 1.5, \"text\": \" \"}"
          + "|rule 'b' (rules[0]): a bonus needs the text of its explanation line",
      "{\"kind\": \"boolean\", \"id\": \"bad id!\", \"feature\": \"decision_maker\", \"ifTrue\": 10}"
          + "|rule 'bad id!' (rules[0]): rule id must match",
      "{\"kind\": \"boolean\", \"id\": \"dm\", \"feature\": \"decision_maker\", \"ifTrue\": 10,"
          + " \"reasons\": {\"positive\": \"DM\", \"negative\": \"not DM\"}}|rule 'dm' (rules[0]): reasons: missing required field 'missing'"})
  void invalidRulesAreRejectedNamingTheRule(String rule, String message) {
    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromJson(doc(rule)));
    assertTrue(e.getMessage().startsWith(message), "expected a message starting\n  " + message + "\nbut got\n  " + e.getMessage());
  }

  @Test
  void bonusWithoutItsPartsIsRejectedNamingTheBonus() {
    String bonus = "{\"kind\": \"bonus\", \"id\": \"dm_pricing\", \"parts\": [\"dm\", \"pricing_visits\"], \"multiplier\": 1.5,"
        + " \"text\": \"Decision-maker on pricing\"}";
    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromJson(doc(DM, PRICING, bonus)));
    assertEquals("rule 'dm_pricing': bonus part 'pricing_visits' is not a rule of this rule set; rules are"
        + " [dm, pricing, dm_pricing]", e.getMessage());
    String nested = "{\"kind\": \"bonus\", \"id\": \"b2\", \"parts\": [\"dm\", \"b1\"], \"multiplier\": 2, \"text\": \"x\"}";
    String b1 = "{\"kind\": \"bonus\", \"id\": \"b1\", \"parts\": [\"dm\", \"pricing\"], \"multiplier\": 2, \"text\": \"x\"}";
    e = assertThrows(RuleSetException.class, () -> RuleSet.fromJson(doc(DM, PRICING, b1, nested)));
    assertTrue(e.getMessage().startsWith("rule 'b2': bonus part 'b1' is itself a bonus"), e.getMessage());
  }

  @Test
  void documentLevelProblemsAreRejected() {
    assertMessage("rule 'dm': rule ids must be unique within a rule set; 'dm' is declared twice", doc(DM, DM));
    assertMessage("rule set is not valid JSON", "{\"format\": ");
    assertMessage("rule set JSON is empty", " ");
    assertMessage("rule set is not valid JSON: Duplicate field 'name'",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"a\", \"name\": \"b\", \"version\": 1, \"rules\": []}");
    assertMessage("rule set: 'format' must be 'leadscore.rule-set', got 'leadscore.model'",
        "{\"format\": \"leadscore.model\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 1, \"rules\": []}");
    assertMessage("rule set: formatVersion 2 is not supported",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 2, \"name\": \"t\", \"version\": 1, \"rules\": []}");
    assertMessage("rule set: unknown field 'extra'",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 1, \"rules\": [], \"extra\": 1}");
    assertMessage("rule set 't': needs at least one rule",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 1, \"rules\": []}");
    assertMessage("rule set 't': version must be >= 1, got 0",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 0, \"rules\": [" + DM + "]}");
    assertMessage("rule set 't', scale: scale needs finite floor < ceiling, got floor=5.0, ceiling=5.0",
        "{\"format\": \"leadscore.rule-set\", \"formatVersion\": 1, \"name\": \"t\", \"version\": 1, \"scale\": {\"floor\": 5,"
            + " \"ceiling\": 5}, \"rules\": [" + DM + "]}");
  }

  private static void assertMessage(String start, String json) {
    RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSet.fromJson(json));
    assertTrue(e.getMessage().startsWith(start), "expected a message starting\n  " + start + "\nbut got\n  " + e.getMessage());
  }

  @Test
  void garbageNeverEscapesAsAnythingButRuleSetException() {
    String valid = RuleScorerProperties.richRuleSet().toJson();
    PropertyCheck.forAll(500, Gen.zip(Gen.ints(0, valid.length() - 1), Gen.asciiStrings(3), PropertyCheck.Pair::new), p -> {
      String mutated = valid.substring(0, p.a()) + p.b() + valid.substring(Math.min(valid.length(), p.a() + p.b().length()));
      try {
        RuleSet.fromJson(mutated);
      } catch (RuleSetException expected) {
        // fine: rejected with a message
      }
    });
  }

  @Test
  void levelOrderDoesNotChangeTheRuleOrItsFingerprint() {
    Map<String, Double> ab = new java.util.LinkedHashMap<>();
    ab.put("vp", 12.0);
    ab.put("c_level", 15.0);
    Map<String, Double> ba = new java.util.LinkedHashMap<>();
    ba.put("c_level", 15.0);
    ba.put("vp", 12.0);
    RuleSet x = RuleSet.of("t", 1, Rule.Levels.of("sen", "job_title", ab));
    RuleSet y = RuleSet.of("t", 1, Rule.Levels.of("sen", "job_title", ba));
    assertEquals(x, y);
    assertEquals(x.fingerprint(), y.fingerprint());
    assertEquals(List.of("c_level", "vp"), List.copyOf(((Rule.Levels) x.rule("sen")).points().keySet()));
  }

  @Test
  void levelsAreNormalisedLikeTheSchema() {
    Rule.Levels l = Rule.Levels.of("ind", "industry", Map.of("  Health   Care ", 6.0));
    assertEquals(Map.of("health care", 6.0), l.points());
    RuleScorer s = RuleScorer.of(RuleSet.of("t", 1, l), SCHEMA);
    assertEquals(6.0, s.evaluate(Lead.builder("h").text("industry", "HEALTH care").build(), AS_OF, Detail.EXPLAINED).points());
  }
}
