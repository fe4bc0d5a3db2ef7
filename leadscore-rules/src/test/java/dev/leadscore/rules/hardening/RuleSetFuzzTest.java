package dev.leadscore.rules.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Score;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import dev.leadscore.rules.RuleSetException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad rule-set JSON, then binding what was accepted to the schema and scoring with it.
 *
 * <p>Documented exceptions: {@link RuleSet#fromJson} throws {@link RuleSetException} only,
 * naming the rule ({@code rule 'id' (rules[i])}) or the JSON path and the field, or the line and
 * column of a syntax error. {@link RuleScorer#of} throws {@link RuleSetException} only (the rule
 * set does not fit the schema). {@link RuleScorer#score} throws {@link LeadDataException} only, and
 * gives a score in [0, 100], a probability in [0, 1] and finite contributions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuleSetFuzzTest {
  private static String json;
  private static FittedSchema schema;
  private static List<Lead> sample;
  private static SyntheticData data;

  @BeforeAll
  static void setUp() {
    data = SyntheticPipeline.builder().size(300).seed(3).build().generate();
    List<Lead> leads = data.leads().stream().map(LabelledLead::lead).toList();
    schema = SyntheticPipeline.defaultSchema().fit(leads);
    sample = List.of(leads.get(0), Lead.builder("only-id").build());
    json = RuleSet.syntheticDefault().toJson();
  }

  /** Parses, binds and scores: every step may refuse only with its documented exception. */
  private static void check(Tally parse, Tally bind, String doc, String p, JsonNode swapped) {
    Outcome<RuleSet> o = Fuzz.attempt(parse, doc, () -> RuleSet.fromJson(doc), RuleSetException.class);
    if (!o.ok()) {
      String m = o.thrown().getMessage();
      boolean named;
      if (p == null) {
        named = m.contains("line ") || m.contains("rule") || m.contains("empty");
      } else if (p.startsWith("/rules/")) {
        String i = p.split("/")[2];
        named = m.contains("rules[" + i + "]") || (swapped instanceof TextNode t && m.contains("'" + t.asText() + "'"))
            || m.contains("rule '");
      } else {
        named = m.contains(Fuzz.lastSegment(p)) || m.contains("rule set");
      }
      if (!named) {
        parse.fail((p == null ? "" : p + " := " + swapped + ": ") + "message does not name the place: " + m);
      }
      return;
    }
    Outcome<RuleScorer> b = Fuzz.attempt(bind, doc, () -> RuleScorer.of(o.value(), schema), RuleSetException.class);
    if (!b.ok()) {
      if (!b.thrown().getMessage().contains("rule '")) {
        bind.fail("binding error names no rule: " + b.thrown().getMessage());
      }
      return;
    }
    for (Lead l : sample) {
      Outcome<Score> s = Fuzz.attempt(bind, doc, () -> b.value().score(l, data.asOf()), LeadDataException.class);
      if (s.ok()) {
        Score sc = s.value();
        if (!(sc.score() >= 0 && sc.score() <= 100 && sc.probability() >= 0 && sc.probability() <= 1)) {
          bind.fail("score out of range: " + sc);
        }
        sc.explanation().orElseThrow().contributions().forEach(r -> {
          if (!Double.isFinite(r.contribution())) {
            bind.fail("non-finite contribution " + r);
          }
        });
      }
    }
  }

  @Test
  void truncatedRuleSetsAreRefused() {
    Tally t = new Tally("RuleSet.fromJson truncated");
    for (int cut : Fuzz.cutPoints(json.length(), 3000)) {
      String prefix = json.substring(0, cut);
      if (prefix.strip().equals(json.strip())) {
        continue;
      }
      Outcome<RuleSet> o = Fuzz.attempt(t, prefix, () -> RuleSet.fromJson(prefix), RuleSetException.class);
      if (o.ok()) {
        t.fail("a truncated rule set was accepted");
      } else if (!o.thrown().getMessage().contains("line ") && !o.thrown().getMessage().contains("empty")) {
        t.fail("no line in: " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  @Test
  void randomEditsAreRefusedOrBindAndScoreSafely() {
    Tally parse = new Tally("RuleSet.fromJson random edits");
    Tally bind = new Tally("RuleScorer.of + score after random edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 30);
    for (int i = 0; i < 2000; i++) {
      check(parse, bind, Fuzz.mutate(json, r), null, null);
    }
    parse.assertClean();
    bind.assertClean();
  }

  @Test
  void typeSwapsRemovalsAndUnknownFieldsAreNamed() {
    Tally parse = new Tally("RuleSet.fromJson type swaps / removals / unknown fields");
    Tally bind = new Tally("RuleScorer.of + score after type swaps");
    JsonNode root = Fuzz.tree(json);
    List<JsonNode> variants = new ArrayList<>(Fuzz.swaps());
    variants.add(null);
    for (String p : Fuzz.pointers(root)) {
      for (JsonNode v : variants) {
        check(parse, bind, Fuzz.compact(Fuzz.with(root, p, v)), p, v);
      }
      String parent = p.substring(0, p.lastIndexOf('/'));
      if (root.at(parent).isObject() && !parent.endsWith("/points")) {
        String doc = Fuzz.compact(Fuzz.renamed(root, p, "zz_unknown"));
        Outcome<RuleSet> o = Fuzz.attempt(parse, doc, () -> RuleSet.fromJson(doc), RuleSetException.class);
        if (o.ok() || !(o.thrown().getMessage().contains("zz_unknown") || o.thrown().getMessage().contains("missing"))) {
          parse.fail("renamed " + p + ": " + (o.ok() ? "accepted" : o.thrown().getMessage()));
        }
      }
    }
    parse.assertClean();
    bind.assertClean();
  }

  /** Points, bounds and caps replaced by huge, tiny, non-finite and malformed numbers. */
  @Test
  void numberTokensAndDuplicateKeys() {
    Tally parse = new Tally("RuleSet.fromJson number tokens / duplicate keys");
    Tally bind = new Tally("RuleScorer.of + score after number tokens");
    Pattern number = Pattern.compile("(\"(\\w+)\" : )(-?[0-9][0-9.Ee+-]*)");
    Matcher m = number.matcher(json);
    List<int[]> spots = new ArrayList<>();
    while (m.find()) {
      spots.add(new int[] {m.start(3), m.end(3), m.start(1), m.end(3)});
    }
    assertTrue(spots.size() > 50, "the default rule set has numbers to fuzz: " + spots.size());
    List<String> tokens = List.of("1e999", "-1e308", "1e300", "4.9e-324", "123456789012345678901234567890", "2147483648",
        "NaN", "-Infinity", "01", "1.", "\"12\"", "null", "1e15", "1000001", "0", "-0.0");
    for (int[] s : spots) {
      for (String token : tokens) {
        check(parse, bind, json.substring(0, s[0]) + token + json.substring(s[1]), null, null);
      }
      // the same key twice in one object
      String member = json.substring(s[2], s[3]);
      String dup = json.substring(0, s[2]) + member + ", " + json.substring(s[2]);
      Outcome<RuleSet> o = Fuzz.attempt(parse, dup, () -> RuleSet.fromJson(dup), RuleSetException.class);
      String key = member.substring(1, member.indexOf('"', 1));
      if (o.ok() || !o.thrown().getMessage().contains(key)) {
        parse.fail("duplicate key '" + key + "': " + (o.ok() ? "accepted" : o.thrown().getMessage()));
      }
    }
    String deep = "{\"format\":\"leadscore.rule-set\",\"formatVersion\":1,\"name\":\"x\",\"version\":1,\"rules\":" + Fuzz.nested(100_000) + "}";
    Outcome<RuleSet> o = Fuzz.attempt(parse, deep, () -> RuleSet.fromJson(deep), RuleSetException.class);
    assertTrue(!o.ok(), "a deeply nested rule set is refused");
    parse.assertClean();
    bind.assertClean();
  }
}
