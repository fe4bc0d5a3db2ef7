package dev.leadscore.bench.cli;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code score}: model + new leads CSV -> scored CSV. */
@Command(name = "score", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Score new leads with a trained model: one CSV row per lead with the calibrated probability, the"
        + " 0-100 score, the tier and its action, the top reasons and the risk factors (in percentage points).",
        "Rows that cannot be read or scored go to the errors file with their line numbers; the others are scored."},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar score --model model.json --data new-leads.csv \\",
        "      --events new-events.csv --as-of 2026-01-01T00:00:00Z --out scored.csv"})
final class ScoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "JSON", description = "Model written by 'train'.")
  Path modelFile;

  @Mixin
  DataOptions data;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "CSV", description = "Where to write the scores.")
  Path out;

  @Option(names = "--moves", description = "Add a next_move column: the smallest single change that lifts the lead"
      + " into a more urgent tier (slower).")
  boolean moves;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainedModel model;
    try {
      model = ModelArtifact.read(Io.read(modelFile, "model"));
    } catch (ArtifactException e) {
      throw new CliException("the model " + modelFile + " cannot be loaded: " + e.getMessage(), e);
    }
    FeatureSchema schema = model.schema().schema();
    LeadInput input = LeadInput.read(data, null);
    Io.warnMissingAttributes(err, input, schema);
    Instant asOf = LeadInput.asOf(data.asOf, schema, input);
    ModelScorer scorer = ModelScorer.of(model);
    List<Lead> leads = input.leads();
    java.nio.file.Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      java.nio.file.Files.createDirectories(parent);
    }
    BatchResult batch = ScoredCsv.write(scorer, leads, asOf, out, moves);
    Map<String, LeadInput.Problem> scoring = new LinkedHashMap<>();
    for (RowError e : batch.errors()) {
      Lead lead = leads.get((int) e.row());
      scoring.put(lead.id(), input.problem(lead.id(), e.field(), e.message()));
    }
    LeadInput all = input.without(scoring);
    Io.reportProblems(err, all, data.errors, Io.errorsNextTo(out));
    Map<Tier, Integer> tiers = new EnumMap<>(Tier.class);
    for (Score s : batch.scores()) {
      tiers.merge(s.tier(), 1, Integer::sum);
    }
    int n = batch.scores().size();
    stdout.printf(Locale.ROOT, "Scored %d of %d rows with %s v%s (%s) -> %s%n", n, input.rowsRead(),
        model.modelId(), model.modelVersion(), schema.eventTypes().isEmpty() ? "no time-dependent features"
            : "as of " + asOf, out);
    for (Tier t : Tier.values()) {
      int c = tiers.getOrDefault(t, 0);
      stdout.printf(Locale.ROOT, "  %-9s %6d  %5.1f %%  %s%n", t.label(), c, n == 0 ? 0.0 : 100.0 * c / n, t.action());
    }
    int rejected = all.rejectedLeadRows();
    if (rejected > 0) {
      stdout.printf(Locale.ROOT, "  %d row(s) not scored, listed with their line numbers in the errors file%n", rejected);
    }
    stdout.flush();
    return 0;
  }
}
