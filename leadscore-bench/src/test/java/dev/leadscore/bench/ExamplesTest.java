package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.rules.RuleScore;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed X Education examples stay usable together: the schema reads, the rule set reads
 * and binds to the fitted schema (every rule names one of its features), and a rule acts as the
 * rule set's notes say. The real export is not in the repository, so the schema is fitted on
 * three made-up leads with the export's columns.
 */
class ExamplesTest {
  private static final Path EXAMPLES = Path.of("examples");

  @Test
  void xEducationRulesBindToTheSchemaAndPenaliseDoNotCall() throws IOException {
    FeatureSchema schema = FeatureSchema.fromJson(Files.readString(EXAMPLES.resolve("xeducation-schema.json")));
    RuleSet rules = RuleSet.read(EXAMPLES.resolve("xeducation-rules.json"));
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      leads.add(lead("L" + i, schema, i, i % 2 == 0 ? "Yes" : "No").build());
    }
    FittedSchema fitted = schema.fit(leads);
    RuleScorer scorer = RuleScorer.of(rules, fitted);
    double allowed = scorer.score(lead("a", schema, 1, "No").build(), Instant.EPOCH, LeadScorer.Detail.SCORE_ONLY).score();
    double doNotCall = scorer.score(lead("b", schema, 1, "No").text("Do Not Call", "Yes").build(), Instant.EPOCH,
        LeadScorer.Detail.SCORE_ONLY).score();
    assertTrue(doNotCall < allowed, "do-not-call " + doNotCall + " should score below " + allowed);
    // The penalty comes from the do-not-call rule itself, at the points the rule set declares.
    RuleScore explained = scorer.evaluate(lead("b", schema, 1, "No").text("Do Not Call", "Yes").build(), Instant.EPOCH,
        LeadScorer.Detail.EXPLAINED);
    assertTrue(explained.score().explanation().orElseThrow().contributions().stream()
        .anyMatch(r -> r.feature().equals("do_not_call") && r.contribution() == -15.0), explained.toString());
  }

  /** A lead with every attribute the schema reads: numbers {@code i + 1}, flags {@code flag}, texts "x" + i. */
  private static Lead.Builder lead(String id, FeatureSchema schema, int i, String flag) {
    Lead.Builder b = Lead.builder(id);
    for (FeatureSpec f : schema.features()) {
      if (f instanceof NumericFeature n) {
        b.number(n.attribute(), i + 1);
      } else if (f instanceof BooleanFeature bf) {
        b.text(bf.attribute(), flag);
      } else if (f instanceof CategoricalFeature c) {
        b.text(c.attribute(), "x" + i);
      } else {
        throw new AssertionError("the example schema gained a feature kind this test does not fill: " + f.kind());
      }
    }
    return b;
  }
}
