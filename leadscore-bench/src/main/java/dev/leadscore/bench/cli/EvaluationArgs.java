package dev.leadscore.bench.cli;

import dev.leadscore.bench.report.Evaluation;
import dev.leadscore.bench.report.EvaluationResult;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingProgress;
import dev.leadscore.rules.RuleSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code evaluate} and {@code report} share: the data, the schema, the rules, the protocol. */
public final class EvaluationArgs {
  @Mixin
  DataOptions data;

  @Mixin
  LabelOptions label;

  @Option(names = "--schema", required = true, paramLabel = "JSON", description = "Feature schema (declared form).")
  Path schemaFile;

  @Option(names = "--rules", paramLabel = "JSON",
      description = "Rule set to evaluate side by side with the model, or '" + Io.DEFAULT_RULES + "' for the"
          + " synthetic pipeline's default rules.")
  String rules;

  @Option(names = "--order-column", paramLabel = "COL",
      description = "Column ordering the leads in time (a date, instant or increasing number) for the back-test:"
          + " train on the earliest share, score the rest. May be the id column. Default: the --created-at-column,"
          + " if given.")
  String orderColumn;

  @Option(names = "--train-share", paramLabel = "SHARE", defaultValue = "0.8", converter = Converters.Share.class,
      description = "Share of the earliest leads the back-test trains on (default: ${DEFAULT-VALUE}).")
  double trainShare;

  @Option(names = "--no-backtest", description = "Skip the time-ordered back-test.")
  boolean noBackTest;

  @Option(names = "--nested", description = "Nested cross-validation: a full training (with its own inner CV) in"
      + " each outer fold, so lambda and calibration are never chosen on the leads they are scored on. K times slower.")
  boolean nested;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples of the ROC AUC interval (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--name", paramLabel = "TEXT", description = "Data set name in the report (default: the file name).")
  String name;

  @Mixin
  ModelOptions model;

  @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
  boolean quiet;

  /**
   * Reads, screens and evaluates.
   *
   * @param errorsFallback where rejected rows go when {@code --errors} is not given
   */
  EvaluationResult run(PrintWriter err, Path errorsFallback) {
    FeatureSchema schema = Io.schema(schemaFile);
    RuleSet ruleSet = Io.rules(rules);
    LeadInput.checkInputs(err, data, LeadInput.header(data), schema, "the schema");
    LeadInput input = LeadInput.read(data, label);
    Instant asOf = LeadInput.asOf(data.asOf, schema, input);
    input = input.screened(schema, asOf);
    Io.reportProblems(err, input, data.errors, errorsFallback);
    TrainingOptions options = model.build(quiet ? TrainingProgress.NONE : new StderrProgress(err));
    Evaluation.Spec spec = new Evaluation.Spec()
        .name(name != null ? name : data.data.getFileName().toString())
        .schema(schema).leads(input.labelled()).asOf(asOf).options(options).rules(ruleSet)
        .bootstrap(bootstrap).nested(nested).input(input.rowsRead(), input.rejectedLeadRows())
        .log(quiet ? null : err);
    String order = orderColumn;
    if (!noBackTest && order != null && order.equals(data.idColumn)) {
      spec.backTestById(order, trainShare);
    } else if (!noBackTest && (order != null || data.createdAtColumn != null)) {
      spec.backTest(order == null || order.equals(data.createdAtColumn) ? null : order, trainShare);
    }
    try {
      return Evaluation.run(spec);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
