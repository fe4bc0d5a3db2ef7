package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scans every listed reason of every lead of the X Education export (the committed example schema
 * and rules, a model trained in the test with the rules' policy embedded) and of the demo's
 * synthetic leads (default schema and rules), for both the model and the rule scorer, for the
 * wording defects issue 14 found: numbers that read badly ("only 0", "(1 sign-ups)", "1 emails",
 * "(time units)", "0 pages"), raw unnormalised levels ("No  Budget", "BRAZIL", "Based in
 * unknown"), placeholders left in, reasons below the materiality threshold, and sentences that
 * depend on the sign of the contribution rather than on the value. The X Education part skips when
 * the export is not beside the repository ({@code ../shared/data/xeducation-leads/Leads.csv}).
 */
class ReasonScanTest {
  private static final Path XEDUCATION = Path.of("..", "..", "shared", "data", "xeducation-leads", "Leads.csv");
  private static final Path EXAMPLES = Path.of("examples");

  private static final Pattern RAW_VALUE = Pattern.compile("\\S {2,}\\S|\\b[A-Z]{4,}\\b|^\\s|\\s$");

  /** What must never appear in a reason, each with why. */
  private static final Map<Pattern, String> BAD = new LinkedHashMap<>();

  static {
    BAD.put(Pattern.compile("(?i)\\bonly 0\\b"), "\"only 0\"");
    BAD.put(Pattern.compile("\\b1 (?:[A-Za-z-]+ )?(?:emails|times|employees|pages|sign-ups|visits|requests|webinars"
        + "|replies|logins|bounces|reports|minutes|seconds|years|clicks|studies|e-books|people)\\b"), "a plural after 1 (\"1 emails\", \"1 times\")");
    BAD.put(Pattern.compile("\\(1 [A-Za-z-]+s\\)"), "\"(1 sign-ups)\"");
    BAD.put(Pattern.compile("(?<![0-9.])0 [A-Za-z-]+"), "a zero count as \"0 pages\" instead of \"no pages\"");
    BAD.put(Pattern.compile("(?i)time units"), "no unit");
    BAD.put(Pattern.compile("\\S {2,}\\S"), "an unnormalised level (double space)");
    BAD.put(Pattern.compile("\\b[A-Z]{4,}\\b"), "an all-capitals raw level (\"BRAZIL\")");
    BAD.put(Pattern.compile("(?i)\\bin unknown\\b|: unknown\\b"), "the missing level shown as a value");
    BAD.put(Pattern.compile("\\{value\\}"), "a placeholder left in");
    BAD.put(Pattern.compile("pts\\)|[+-]0\\.0\\b"), "points inside the sentence");
    BAD.put(Pattern.compile("^[a-z]"), "a sentence starting in lower case");
  }

  @Test
  void xEducationReasonsReadRightAndDoNotCallLeadsAreSuppressed() throws IOException {
    assumeTrue(Files.isRegularFile(XEDUCATION), "the X Education export is not at " + XEDUCATION.toAbsolutePath());
    FeatureSchema declared = FeatureSchema.read(EXAMPLES.resolve("xeducation-schema.json"));
    RuleSet rules = RuleSet.read(EXAMPLES.resolve("xeducation-rules.json"));
    assertFalse(rules.policy().isEmpty(), "the example rule set declares Do Not Call");
    ReadResult read = LeadCsvReader.builder().idColumn("Prospect ID").delimiter(',').labelColumn("Converted", "1")
        .build().read(XEDUCATION);
    List<LabelledLead> all = read.labelled();
    assertTrue(all.size() > 9000, "rows read: " + all.size());
    Instant asOf = Instant.EPOCH; // the schema has no event features
    TrainedModel model = new ModelTrainer().train(declared, all, asOf, TrainingOptions.builder().threads(1).build())
        .withPolicy(rules.policy());
    ModelScorer modelScorer = ModelScorer.of(model);
    RuleScorer ruleScorer = RuleScorer.of(rules, model.schema());
    List<Lead> leads = all.stream().map(LabelledLead::lead).toList();

    int dnc = 0;
    for (Lead lead : leads) {
      Score m = modelScorer.score(lead, asOf, Detail.EXPLAINED);
      Score r = ruleScorer.score(lead, asOf, Detail.EXPLAINED);
      scan(model.schema(), lead, asOf, m, modelScorer.inPercentagePoints(m.explanation().orElseThrow()));
      scan(model.schema(), lead, asOf, r, r.explanation().orElseThrow());
      if (lead.attribute("Do Not Call").display().strip().equalsIgnoreCase("yes")) {
        dnc++;
        for (Score s : List.of(m, r)) {
          assertEquals(Tier.SUPPRESS, s.tier(), lead.id() + " asked not to be called: " + s);
          Reason first = s.explanation().orElseThrow().topReasons().get(0);
          assertEquals(Reason.Direction.OVERRIDES, first.direction(), lead.id() + ": " + first);
          assertTrue(first.text().contains("Do Not Call"), first.text());
        }
      } else {
        assertTrue(m.explanation().orElseThrow().override().isEmpty(), lead.id());
      }
    }
    assertEquals(2, dnc, "the export has two Do Not Call leads");
  }

  @Test
  void demoReasonsReadRight() {
    SyntheticData history = SyntheticPipeline.builder().size(600).seed(42).build().generate();
    Instant asOf = history.asOf();
    TrainedModel model = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), history.leads(), asOf,
        TrainingOptions.builder().threads(1).folds(3).build());
    ModelScorer modelScorer = ModelScorer.of(model);
    RuleScorer ruleScorer = RuleScorer.of(RuleSet.syntheticDefault(), model.schema());
    SyntheticData fresh = SyntheticPipeline.builder().size(400).seed(7).asOf(asOf).build().generate();
    int listed = 0;
    for (LabelledLead l : fresh.leads()) {
      Score m = modelScorer.score(l.lead(), asOf, Detail.EXPLAINED);
      Score r = ruleScorer.score(l.lead(), asOf, Detail.EXPLAINED);
      listed += scan(model.schema(), l.lead(), asOf, m, modelScorer.inPercentagePoints(m.explanation().orElseThrow()));
      listed += scan(model.schema(), l.lead(), asOf, r, r.explanation().orElseThrow());
    }
    assertTrue(listed > 400, "reasons scanned: " + listed);
  }

  /** Checks every listed reason of one score; returns how many there were. */
  private static int scan(FittedSchema schema, Lead lead, Instant asOf, Score s, Explanation e) {
    List<Reason> listed = new ArrayList<>(e.topReasons());
    listed.addAll(e.risks());
    assertTrue(e.topReasons().size() <= 3 && e.risks().size() <= 3);
    double[] row = schema.extract(lead, asOf);
    for (Reason r : listed) {
      String where = s.modelId() + " on " + lead.id() + ", " + r.feature() + ": '" + r.text() + "' (value "
          + r.value() + ")";
      BAD.forEach((p, why) -> assertFalse(p.matcher(r.text()).find(), () -> why + " in " + where));
      if (r.value() != null) { // the displayed value is the normalised level, readable
        assertFalse(RAW_VALUE.matcher(r.value()).find(), () -> "a raw level as the value of " + where);
      }
      if (r.direction() == Reason.Direction.OVERRIDES) {
        continue;
      }
      assertTrue(Math.abs(r.points()) >= e.materiality() && e.materiality() > 0, () -> "not material: " + where
          + ", " + r.points() + " points");
      if (schema.schema().features().stream().anyMatch(f -> f.name().equals(r.feature()))) {
        // the schema's own sentence for the lead's value: the same whichever way the feature moved the score
        assertEquals(schema.describe(lead, asOf, schema.featureIndex(r.feature()), row), r.text(), where);
      }
    }
    return listed.size();
  }
}
