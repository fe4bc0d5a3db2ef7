package dev.leadscore.bench.cli;

import dev.leadscore.bench.Demo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the README's main job on the default synthetic pipeline. */
@Command(name = "demo", sortOptions = false, usageHelpAutoWidth = true,
    description = {"The README's main job: generate the default synthetic pipeline, evaluate the default rules and the"
        + " model side by side (K-fold cross-validation and a time-ordered back-test), and write the model, the HTML"
        + " report, the evaluation JSON, the data as CSV and a scored CSV of fresh leads to --out; then print the"
        + " headline table."})
public final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", defaultValue = "800",
      description = "Leads in the pipeline (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of the pipeline, the folds and the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/demo",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
      description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000",
      description = "Bootstrap resamples of the AUC interval (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--nested", description = "Nested cross-validation (a full training inside each outer fold).")
  boolean nested;

  @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    Demo.Settings s = new Demo.Settings(size, seed, out, folds, bootstrap, nested, quiet);
    try {
      return Demo.run(s, spec.commandLine().getOut(), spec.commandLine().getErr());
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
