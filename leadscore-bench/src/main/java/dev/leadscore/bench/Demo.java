package dev.leadscore.bench;

import dev.leadscore.bench.cli.CsvExport;
import dev.leadscore.bench.cli.ScoredCsv;
import dev.leadscore.bench.report.Evaluation;
import dev.leadscore.bench.report.EvaluationJson;
import dev.leadscore.bench.report.EvaluationResult;
import dev.leadscore.bench.report.HtmlReport;
import dev.leadscore.bench.report.TextReport;
import dev.leadscore.core.BatchResult;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingProgress;
import dev.leadscore.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The README's main job: generate the default synthetic pipeline, evaluate the default rule set
 * and the model side by side (stratified K-fold cross-validation with the schema and the model
 * fitted inside the folds, plus a time-ordered back-test on the newest 20 % by creation time),
 * write the artifacts and print the headline table.
 *
 * <p>Files written to the output directory: {@code model.json} (the model trained on all leads),
 * {@code report.html} (self-contained), {@code evaluation.json}, the pipeline as a CRM would
 * export it ({@code leads.csv}, {@code events.csv}, with {@code schema.json} and {@code
 * rules.json}) so the other commands can be tried on it, and a fresh batch of unseen leads
 * ({@code new-leads.csv}, {@code new-events.csv}) scored into {@code scored.csv}.
 */
public final class Demo {
  private Demo() {}

  /**
   * The demo's settings.
   *
   * @param size leads in the pipeline
   * @param seed seed of the pipeline, the folds and the bootstrap
   * @param out output directory
   * @param folds cross-validation folds
   * @param bootstrap bootstrap resamples of the AUC interval
   * @param nested whether to run nested cross-validation
   * @param quiet whether to suppress progress
   */
  public record Settings(int size, long seed, Path out, int folds, int bootstrap, boolean nested, boolean quiet) {}

  /**
   * Runs the demo.
   *
   * @return the exit code, 0
   * @throws IllegalArgumentException for an invalid setting (e.g. a size below 100)
   * @throws IOException if the output directory cannot be written
   */
  public static int run(Settings s, PrintWriter out, PrintWriter err) throws IOException {
    long started = System.nanoTime();
    SyntheticData data = SyntheticPipeline.builder().size(s.size()).seed(s.seed()).build().generate();
    Instant asOf = data.asOf();
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    RuleSet rules = RuleSet.syntheticDefault();
    Path dir = s.out();
    Files.createDirectories(dir);

    List<Lead> leads = data.unlabelled();
    boolean[] labels = new boolean[leads.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.leads().get(i).converted();
    }
    CsvExport.write(leads, labels, dir.resolve("leads.csv"), dir.resolve("events.csv"));
    Files.writeString(dir.resolve("schema.json"), schema.toJson(), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("rules.json"), rules.toJson(), StandardCharsets.UTF_8);

    TrainingOptions options = TrainingOptions.builder().folds(s.folds()).seed(s.seed())
        .progress(TrainingProgress.NONE).build();
    Evaluation.Spec spec = new Evaluation.Spec()
        .name(String.format(Locale.ROOT, "synthetic pipeline (%d leads, seed %d)", s.size(), s.seed()))
        .schema(schema).leads(data.leads()).asOf(asOf).options(options).rules(rules)
        .backTest(null, 0.8).bootstrap(s.bootstrap()).nested(s.nested()).trueProbabilities(data.trueProbabilities())
        .log(s.quiet() ? null : err);
    EvaluationResult r = Evaluation.run(spec);

    Path model = dir.resolve("model.json");
    Path report = dir.resolve("report.html");
    Path json = dir.resolve("evaluation.json");
    Files.writeString(model, ModelArtifact.write(r.finalModel()), StandardCharsets.UTF_8);
    Files.writeString(report, HtmlReport.of(r), StandardCharsets.UTF_8);
    Files.writeString(json, EvaluationJson.write(r), StandardCharsets.UTF_8);

    // Fresh leads the model has never seen, as a daily batch would bring them.
    SyntheticData fresh = SyntheticPipeline.builder().size(Math.max(SyntheticPipeline.MIN_SIZE, s.size() / 4))
        .seed(s.seed() + 1).build().generate();
    List<Lead> newLeads = new ArrayList<>();
    for (LabelledLead l : fresh.leads()) {
      newLeads.add(renamed(l.lead(), "N" + l.lead().id().substring(1)));
    }
    CsvExport.write(newLeads, null, dir.resolve("new-leads.csv"), dir.resolve("new-events.csv"));
    Path scored = dir.resolve("scored.csv");
    BatchResult batch = ScoredCsv.write(ModelScorer.of(r.finalModel()), newLeads, fresh.asOf(), scored, false);

    out.println("leadscore demo: the default synthetic pipeline, rules vs model");
    Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
    for (Score sc : batch.scores()) {
      tiers.merge(sc.tier(), 1, Integer::sum);
    }
    out.printf(Locale.ROOT, "Wrote %s, %s, %s%n", model, report, json);
    out.printf(Locale.ROOT, "Scored %d fresh leads into %s:", batch.scores().size(), scored);
    for (Tier t : Tier.values()) {
      out.printf(Locale.ROOT, " %s %d", t.label(), tiers.getOrDefault(t, 0));
    }
    out.println();
    out.printf(Locale.ROOT, "The pipeline as CSV for the other commands: %s, %s, %s, %s; e.g.%n",
        dir.resolve("leads.csv"), dir.resolve("events.csv"), dir.resolve("schema.json"), dir.resolve("rules.json"));
    out.printf(Locale.ROOT, "  java -jar leadscore-bench/target/leadscore-bench.jar evaluate --data %s --events %s"
        + " --schema %s --rules %s --label-column converted --created-at-column created_at --as-of %s --seed %d%n",
        dir.resolve("leads.csv"), dir.resolve("events.csv"), dir.resolve("schema.json"), dir.resolve("rules.json"), asOf,
        s.seed());
    out.println();
    out.print(TextReport.tierTables(r));
    if (r.backTest() != null) {
      out.println();
      out.print(TextReport.backTest(r.backTest()));
    }
    out.println();
    out.print(TextReport.importance(r.importance(), 8));
    for (EvaluationResult.Example e : r.examples()) {
      out.println();
      out.print(TextReport.example(e));
    }
    out.println();
    out.println("=".repeat(100));
    out.print(TextReport.dataset(r));
    out.println();
    out.print(TextReport.headline(r));
    out.println();
    out.print(TextReport.decision(dev.leadscore.bench.report.Decision.of(r)));
    out.printf(Locale.ROOT, "Done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    out.flush();
    return 0;
  }

  private static Lead renamed(Lead lead, String id) {
    Lead.Builder b = Lead.builder(id);
    lead.attributes().forEach(b::attribute);
    lead.events().forEach(b::event);
    lead.createdAt().ifPresent(b::createdAt);
    return b.build();
  }
}
