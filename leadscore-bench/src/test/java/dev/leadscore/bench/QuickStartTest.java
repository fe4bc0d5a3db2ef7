package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's quick start honest: the code between the markers below must appear in
 * README.md verbatim, and it must compile and do what the README says.
 */
class QuickStartTest {

  @Test
  void quickStartRunsAndMatchesTheReadme() throws IOException {
    // README:begin
    // The declared contract: the synthetic pipeline's default schema, or FeatureSchema.read(path).
    FeatureSchema schema = SyntheticPipeline.defaultSchema();

    // Labelled history: the trainer fits the schema and the model inside cross-validation folds.
    var history = SyntheticPipeline.builder().size(800).seed(42).build().generate();
    TrainedModel model = new ModelTrainer().train(schema, history.leads(), history.asOf(), TrainingOptions.defaults());

    // A raw lead as a CRM hands it over: untyped text is fine, the schema knows the kinds.
    Instant asOf = Instant.parse("2026-01-01T00:00:00Z");
    Lead lead = Lead.builder("L-1001")
        .text("job_title", "VP, Sales")
        .text("decision_maker", "Yes")
        .number("company_size", 250)
        .text("industry", "  SOFTWARE ")
        .text("email", "dana@acme-logistics.com")
        .event("pricing_page_visit", asOf.minus(Duration.ofDays(2)))
        .event("demo_request", asOf.minus(Duration.ofHours(5)))
        .build();

    // Score with reasons; nothing reads the clock: events after asOf are ignored.
    LeadScorer scorer = ModelScorer.of(model);
    Score score = scorer.score(lead, asOf);                  // probability, 0-100 score, tier
    List<Reason> why = score.explanation().orElseThrow().topReasons();   // plain English
    // README:end

    // What the model's schema extracts from that lead (not in the README's block: scoring needs none of it).
    FittedSchema fitted = model.schema();
    double[] x = fitted.extract(lead, asOf);
    double vp = x[fitted.columnIndex("seniority=vp")];
    double pricing = x[fitted.columnIndex("pricing_visits_30d")];
    double software = x[fitted.columnIndex("industry=software")];
    Tier tier = TierCutoffs.of(80, 60, 30).tierOf(87.0);

    assertEquals(fitted.width(), x.length);
    assertTrue(Arrays.stream(x).allMatch(Double::isFinite));
    assertEquals(1.0, vp);
    assertEquals(1.0, pricing, 1e-12);
    assertEquals(1.0, software);
    assertEquals(Tier.HOT, tier);
    assertTrue(score.probability() > 0 && score.probability() < 1);
    assertEquals(score.tier(), model.cutoffs().tierOf(score.score()));
    assertTrue(!why.isEmpty());
    // Reasons speak of the schema's features in words, not of one-hot columns.
    why.forEach(r -> assertTrue(schema.features().stream().anyMatch(f -> f.name().equals(r.feature()))
        && !r.text().contains("="), r.text()));

    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String source = Files.readString(Path.of("src", "test", "java", "dev", "leadscore", "bench", "QuickStartTest.java"), StandardCharsets.UTF_8);
    String block = source.substring(source.indexOf("// README:begin") + "// README:begin".length(), source.indexOf("    // README:end"));
    String dedented = block.strip().replaceAll("(?m)^    ", "");
    assertTrue(readme.contains(dedented), "README.md must contain the quick start exactly as tested here:\n" + dedented);
    // The README's import list is what this block compiles against: each line is one of this file's imports.
    String quickStart = readme.substring(readme.indexOf("## Quick start"));
    List<String> readmeImports = quickStart.lines().takeWhile(l -> !l.startsWith("// The declared contract"))
        .filter(l -> l.startsWith("import ")).toList();
    assertEquals(13, readmeImports.size(), readmeImports.toString());
    readmeImports.forEach(i -> assertTrue(source.contains("\n" + i + "\n"), "README imports " + i + " but the tested block does not"));
  }
}
