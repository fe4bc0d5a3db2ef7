package dev.leadscore.bench.cli;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.FoldScheme;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingProgress;
import dev.leadscore.model.TrainingSummary;
import dev.leadscore.model.eval.Metrics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: labelled CSV export + schema -> model JSON. */
@Command(name = "train", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Train a calibrated L2 logistic regression on a labelled CSV export and write the model JSON.",
        "Lambda, calibration and tier cut-offs are chosen by stratified K-fold cross-validation with the schema"
            + " fitted inside each fold. Rows that cannot be read are listed in the errors file; the others are used."},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar train --data leads.csv --events events.csv \\",
        "      --schema schema.json --label-column converted --positive 1 \\",
        "      --as-of 2026-01-01T00:00:00Z --out model.json"})
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Mixin
  LabelOptions label;

  @Option(names = "--schema", required = true, paramLabel = "JSON", description = "Feature schema (declared form).")
  Path schemaFile;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "JSON", description = "Where to write the model.")
  Path out;

  @Mixin
  ModelOptions model;

  @Option(names = "--rules", paramLabel = "JSON", description = {"A rule set whose disqualifiers (policy overrides such"
      + " as Do Not Call) are embedded in the model, so that scoring with it always applies them."})
  String rulesFile;

  @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FeatureSchema schema = Io.schema(schemaFile);
    LeadInput.checkInputs(err, data, LeadInput.header(data), schema, "the schema");
    LeadInput input = LeadInput.read(data, label);
    Instant asOf = LeadInput.asOf(data.asOf, schema, input);
    input = input.screened(schema, asOf);
    Io.reportProblems(err, input, data.errors, Io.errorsNextTo(out));
    StderrProgress progress = quiet ? null : new StderrProgress(err);
    TrainingOptions options = model.build(progress == null ? TrainingProgress.NONE : progress);
    if (!quiet) {
      err.printf(Locale.ROOT, "training on %d leads, %d folds x %d lambdas%s%n", input.labelled().size(),
          options.folds(), options.lambdaCount(), schema.eventTypes().isEmpty() ? "" : ", features as of " + asOf);
      err.flush();
    }
    List<LabelledLead> leads = input.labelled();
    if (data.createdAtColumn != null && leads.stream().allMatch(l -> l.lead().createdAt().isPresent())) {
      // the leads have a time order: oldest first, lambda chosen by forward chaining
      leads = leads.stream().sorted(Comparator.comparing(l -> l.lead().createdAt().orElseThrow())).toList();
      options = options.toBuilder().foldScheme(FoldScheme.FORWARD_CHAINING).build();
    }
    TrainedModel m = new ModelTrainer().train(schema, leads, asOf, options);
    if (rulesFile != null) {
      try {
        m = m.withPolicy(Io.rules(rulesFile).policy());
      } catch (IllegalArgumentException e) {
        throw new CliException("the rule set " + rulesFile + " does not fit the schema: " + e.getMessage(), e);
      }
    }
    Io.write(out, ModelArtifact.write(m));
    summary(stdout, m, input, out);
    return 0;
  }

  static void summary(PrintWriter out, TrainedModel m, LeadInput input, Path file) {
    TrainingSummary s = m.summary();
    out.printf(Locale.ROOT, "Model %s v%s written to %s%n", m.modelId(), m.artifactVersion(), file);
    if (!m.policy().isEmpty()) {
      out.printf(Locale.ROOT, "  policy        %d disqualifier(s) embedded%n", m.policy().disqualifiers().size());
    }
    out.printf(Locale.ROOT, "  leads         %d used (%d converted), %d rows read, %d rejected%n", s.rows(),
        s.positives(), input.rowsRead(), input.rejectedLeadRows());
    out.printf(Locale.ROOT, "  features      %d columns, schema %s%n", m.width(), m.schema().fingerprint());
    out.printf(Locale.ROOT, "  lambda        %.3g (by %d-fold%s %s), %s calibration%n", m.lambda(), s.folds(),
        s.foldScheme().orElse(null) == FoldScheme.FORWARD_CHAINING ? " forward-chaining" : "",
        s.selectionMetric().name().toLowerCase(Locale.ROOT).replace('_', ' '),
        m.calibrator().getClass().getSimpleName());
    for (String w : s.warnings()) {
      out.printf(Locale.ROOT, "  warning       %s%n", w);
    }
    out.printf(Locale.ROOT, "  out-of-fold   ROC AUC %.3f, log loss %.4f, Brier %.4f%n", s.oofAuc(), s.oofLogLoss(),
        s.oofBrier());
    out.printf(Locale.ROOT, "  tier cut-offs Hot >= %.1f, Warm >= %.1f, Nurture >= %.1f%n", m.cutoffs().hot(),
        m.cutoffs().warm(), m.cutoffs().nurture());
    s.outOfFold().ifPresent(o -> {
      out.println("  out-of-fold tier table:");
      out.println(dev.leadscore.bench.report.TextReport.indent(
          dev.leadscore.bench.report.TextReport.indent(Metrics.tierTable(o.scores(), o.labels(), m.cutoffs()).toString())));
    });
    out.flush();
  }
}
