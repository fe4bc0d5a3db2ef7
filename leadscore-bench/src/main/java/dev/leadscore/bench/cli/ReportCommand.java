package dev.leadscore.bench.cli;

import dev.leadscore.bench.report.EvaluationJson;
import dev.leadscore.bench.report.EvaluationResult;
import dev.leadscore.bench.report.HtmlReport;
import dev.leadscore.bench.report.TextReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: the evaluation as a self-contained HTML page. */
@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Evaluate like 'evaluate' and write a self-contained HTML report (charts embedded as SVG, inline CSS,"
        + " nothing fetched from the network). It leads with the decision (which scorer to use and why, the data-check"
        + " verdict, the tier table with conversion per tier, drift warnings), then ROC curves of rules vs model,"
        + " cumulative gains, precision-recall, the reliability diagram with leads per bin, the score histogram by"
        + " tier, tier tables, the back-test, SHAP importance with the direction of each effect and explained example"
        + " leads."},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar report --data leads.csv --events events.csv \\",
        "      --schema schema.json --label-column converted --rules rules.json \\",
        "      --created-at-column created_at --as-of 2026-01-01T00:00:00Z \\",
        "      --out report.html"})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  EvaluationArgs args;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "HTML", description = "Where to write the report.")
  Path out;

  @Option(names = "--json", paramLabel = "JSON", description = "Also write the results as JSON.")
  Path json;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EvaluationResult r = args.run(err, Io.errorsNextTo(out));
    Io.write(out, HtmlReport.of(r));
    if (json != null) {
      Io.write(json, EvaluationJson.write(r));
    }
    stdout.print(TextReport.headline(r));
    stdout.println("Wrote " + out + (json == null ? "" : " and " + json));
    stdout.flush();
    return 0;
  }
}
