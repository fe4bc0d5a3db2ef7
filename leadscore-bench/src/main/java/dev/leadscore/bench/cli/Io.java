package dev.leadscore.bench.cli;

import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.rules.RuleSet;
import dev.leadscore.rules.RuleSetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** File helpers shared by the commands; every failure becomes a {@link CliException}. */
final class Io {
  /** The {@code --rules} value that selects the synthetic pipeline's default rule set. */
  static final String DEFAULT_RULES = "synthetic-default";

  private Io() {}

  static FeatureSchema schema(Path file) {
    try {
      return FeatureSchema.read(file);
    } catch (IOException e) {
      throw new CliException("cannot read the schema " + file + ": " + e.getMessage(), e);
    } catch (SchemaException e) {
      throw new CliException("the schema " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  static RuleSet rules(String value) {
    if (value == null) {
      return null;
    }
    if (value.equals(DEFAULT_RULES)) {
      return RuleSet.syntheticDefault();
    }
    Path file = Path.of(value);
    try {
      return RuleSet.read(file);
    } catch (IOException e) {
      throw new CliException("cannot read the rule set " + file + ": " + e.getMessage(), e);
    } catch (RuleSetException e) {
      throw new CliException("the rule set " + file + " is not valid: " + e.getMessage(), e);
    }
  }

  static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  static void write(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** {@code dir/name.ext} -> {@code dir/name.errors.csv}. */
  static Path errorsNextTo(Path output) {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return output.resolveSibling(stem + ".errors.csv");
  }

  /**
   * Writes the errors file when there are problems or it was asked for, and says so on stderr.
   *
   * @param explicit the {@code --errors} path, or null
   * @param fallback where to write when not told
   */
  static void reportProblems(PrintWriter err, LeadInput input, Path explicit, Path fallback) {
    List<LeadInput.Problem> problems = input.problems();
    if (problems.isEmpty() && explicit == null) {
      return;
    }
    Path file = explicit != null ? explicit : fallback;
    LeadInput.writeProblems(file, problems);
    if (!problems.isEmpty()) {
      err.printf("%d problem row(s) (%d lead row(s) rejected) listed with their line numbers in %s; the first: %s%n",
          problems.size(), input.rejectedLeadRows(), file, problems.get(0).message());
      err.flush();
    }
  }

  /** Warns about schema attributes that no lead has: usually a misspelt column name. */
  static void warnMissingAttributes(PrintWriter err, LeadInput input, FeatureSchema schema) {
    Set<String> missing = input.missingAttributes(schema);
    if (!missing.isEmpty() && !input.leads().isEmpty()) {
      err.println("warning: the schema reads attribute(s) " + missing + " but no lead has a column of that name;"
          + " every lead is treated as missing them");
      err.flush();
    }
  }
}
