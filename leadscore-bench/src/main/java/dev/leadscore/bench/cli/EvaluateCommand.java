package dev.leadscore.bench.cli;

import dev.leadscore.bench.report.EvaluationJson;
import dev.leadscore.bench.report.EvaluationResult;
import dev.leadscore.bench.report.HtmlReport;
import dev.leadscore.bench.report.TextReport;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: rules vs model under K-fold CV and a time-ordered back-test. */
@Command(name = "evaluate", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Evaluate the model (and a rule baseline) on a labelled CSV export: K-fold cross-validation side by"
        + " side (ROC AUC with a bootstrap interval, average precision, Brier, log loss, ECE, lift and capture at 10 %%"
        + " and 20 %%, tier tables), plus a time-ordered back-test when an order or creation-time column is named.",
        "Prints the tables; --json writes them machine-readable, --html as a self-contained report."},
    footer = {"", "Example:",
        "  java -jar leadscore-bench.jar evaluate --data Leads.csv \\",
        "      --id-column 'Prospect ID' --label-column Converted \\",
        "      --schema leadscore-bench/examples/xeducation-schema.json \\",
        "      --order-column 'Lead Number' --json eval.json --html report.html"})
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  EvaluationArgs args;

  @Option(names = "--json", paramLabel = "JSON", description = "Also write the results as JSON.")
  Path json;

  @Option(names = "--html", paramLabel = "HTML", description = "Also write the self-contained HTML report.")
  Path html;

  @Option(names = "--model-out", paramLabel = "JSON", description = "Also write the model trained on all leads.")
  Path modelOut;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path primary = json != null ? json : html != null ? html : Path.of(stem(args.data.data) + ".evaluation");
    EvaluationResult r = args.run(err, Io.errorsNextTo(primary));
    out.print(TextReport.of(r));
    if (json != null) {
      Io.write(json, EvaluationJson.write(r));
      out.println("Wrote " + json);
    }
    if (html != null) {
      Io.write(html, HtmlReport.of(r));
      out.println("Wrote " + html);
    }
    if (modelOut != null) {
      // the same rule set's disqualifiers as 'train --rules' embeds, so a model written here never routes
      // a lead its rules disqualify to a call
      TrainedModel model = r.finalModel();
      if (args.rules != null) {
        model = model.withPolicy(Io.rules(args.rules).policy());
      }
      Io.write(modelOut, ModelArtifact.write(model));
      out.println("Wrote " + modelOut);
    }
    out.flush();
    return 0;
  }

  static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
