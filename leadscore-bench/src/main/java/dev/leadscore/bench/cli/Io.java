package dev.leadscore.bench.cli;

import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.rules.RuleSet;
import dev.leadscore.rules.RuleSetException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

  /** The model artifact in {@code file}, or a one-line error naming the file and what is wrong. */
  static TrainedModel model(Path file) {
    try {
      return ModelArtifact.read(read(file, "model"));
    } catch (ArtifactException e) {
      throw new CliException("the model " + file + " cannot be loaded: " + e.getMessage(), e);
    }
  }

  static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot read the " + what + " " + file + ": " + reason(e), e);
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
      throw new CliException("cannot write " + file + ": " + reason(e), e);
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

  /** The reason an I/O operation failed, in words: the JDK's exceptions often carry only the path. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    if (e instanceof java.nio.file.FileSystemException) {
      return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /** Closes, ignoring a failure: for readers whose data was already used or abandoned. */
  static void closeQuietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing more to read from it
      }
    }
  }
}
