package dev.leadscore.bench.cli;

import dev.leadscore.bench.report.MonitorHtml;
import dev.leadscore.core.Lead;
import dev.leadscore.core.RowError;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.monitor.Health;
import dev.leadscore.model.monitor.Monitor;
import dev.leadscore.model.monitor.MonitoringReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monitor}: a model's training reference against a new batch of leads (with outcomes when
 * a label column is named) -> verdict OK / WATCH / RETRAIN with its reasons, on standard output,
 * as JSON and as an HTML page with drift charts. Exit code {@link #RETRAIN_EXIT} on RETRAIN unless
 * {@code --no-fail-on-retrain}, so a scheduled job can branch on it.
 */
@Command(name = "monitor", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
    description = {"Check a new batch of leads against the training reference stored in the model: feature drift"
        + " (population stability index and missing rates per feature), score drift (score histogram, tier shares)"
        + " and, with --label-column, outcome drift (predicted against observed conversion overall and per tier,"
        + " calibration error). Prints the verdict OK, WATCH or RETRAIN with its reasons; --json and --html write"
        + " the full report.",
        "Rows that cannot be read or scored go to the errors file with their line numbers."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:OK or WATCH (or RETRAIN with --no-fail-on-retrain)",
        "1:a failure reported in one message (unreadable file, model without a monitoring reference)",
        "2:a usage error", "3:RETRAIN: the model should be retrained"},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar monitor --model model.json --data last-week.csv \\",
        "      --events last-week-events.csv --as-of 2026-02-01T00:00:00Z \\",
        "      --label-column converted --json monitor.json --html monitor.html"})
final class MonitorCommand implements Callable<Integer> {
  /** The exit code of a RETRAIN verdict. */
  static final int RETRAIN_EXIT = 3;

  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "JSON", description = "Model written by 'train'.")
  Path modelFile;

  @Mixin
  DataOptions data;

  @ArgGroup(exclusive = false, multiplicity = "0..1",
      heading = "%nOutcomes (optional: with them, predicted against observed conversion is checked too):%n")
  LabelOptions label;

  @Option(names = "--json", paramLabel = "JSON", description = "Write the monitoring report as JSON.")
  Path json;

  @Option(names = "--html", paramLabel = "HTML", description = "Write the monitoring report as a self-contained HTML"
      + " page with drift charts.")
  Path html;

  @Option(names = "--no-fail-on-retrain", description = "Exit 0 on RETRAIN too (default: exit "
      + RETRAIN_EXIT + ").")
  boolean noFailOnRetrain;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainedModel model = Io.model(modelFile);
    Monitor monitor;
    try {
      monitor = Monitor.of(model);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
    FeatureSchema schema = model.schema().schema();
    LeadInput.checkInputs(err, data, LeadInput.header(data), schema, "the model's schema");
    LeadInput input = LeadInput.read(data, label);
    Instant asOf = LeadInput.asOf(data.asOf, schema, input);
    List<Lead> leads = input.leads();
    MonitoringReport report = label == null ? monitor.check(leads, asOf)
        : monitor.checkWithOutcomes(input.labelled(), asOf);
    Map<String, LeadInput.Problem> unusable = new LinkedHashMap<>();
    for (RowError e : report.errors()) {
      Lead lead = leads.get((int) e.row());
      unusable.put(lead.id(), input.problem(lead.id(), e.field(), e.message()));
    }
    LeadInput all = input.without(unusable);
    Path primary = json != null ? json : html != null ? html : Path.of(EvaluateCommand.stem(data.data) + ".monitor");
    Io.reportProblems(err, all, data.errors, Io.errorsNextTo(primary));
    String batch = data.data.getFileName().toString();
    stdout.print(text(report, batch, input.rowsRead()));
    if (json != null) {
      Io.write(json, report.toJson());
      stdout.println("Wrote " + json);
    }
    if (html != null) {
      Io.write(html, MonitorHtml.of(report, batch));
      stdout.println("Wrote " + html);
    }
    stdout.flush();
    boolean retrain = report.verdict().status() == Health.Status.RETRAIN;
    return retrain && !noFailOnRetrain ? RETRAIN_EXIT : 0;
  }

  /** The verdict, its reasons and the main figures, for a terminal. */
  static String text(MonitoringReport r, String batch, int rowsRead) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Monitoring %s v%s on %s: %d rows read, %d leads checked%s%n", r.modelId(),
        r.modelVersion(), batch, rowsRead, r.rowsUsed(), r.asOf().equals(Instant.EPOCH) ? "" : ", as of " + r.asOf()));
    sb.append("Verdict   ").append(r.verdict().status()).append('\n');
    for (String reason : r.verdict().reasons()) {
      sb.append("  - ").append(reason).append('\n');
    }
    List<MonitoringReport.FeatureDrift> features = new ArrayList<>(r.features());
    features.sort(Comparator.comparingDouble(MonitoringReport.FeatureDrift::psi).reversed());
    if (!features.isEmpty()) {
      sb.append("Feature drift (population stability index, largest first)\n");
      for (MonitoringReport.FeatureDrift f : features.subList(0, Math.min(10, features.size()))) {
        sb.append(String.format(Locale.ROOT, "  %-34s PSI %6.3f  %s%n", f.feature(), f.psi(), f.status()));
      }
    }
    r.score().ifPresent(s -> sb.append(String.format(Locale.ROOT,
        "Scores    mean predicted %.1f %% (training %.1f %%), score PSI %.3f %s, tier PSI %.3f %s%n",
        100 * s.meanProbability(), 100 * s.referenceMeanProbability(), s.psi(), s.status(), s.tierPsi(),
        s.tierStatus())));
    r.outcomes().ifPresent(o -> {
      MonitoringReport.OutcomeRow a = o.overall();
      sb.append(String.format(Locale.ROOT, "Outcomes  predicted %.1f %%, observed %.1f %% (%d of %d), gap %.0f %%,"
          + " z %.2f %s; ECE %.3f (training %.3f)%n", 100 * a.predictedRate(), 100 * a.actualRate(), a.conversions(),
          a.leads(), 100 * a.relativeGap(), a.z(), a.status(), o.calibrationError(), o.referenceCalibrationError()));
    });
    return sb.toString();
  }
}
