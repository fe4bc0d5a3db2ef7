package dev.leadscore.bench.cli;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainedModel;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code score}: model + new leads CSV -> scored CSV, streamed. Rows are read, scored and written
 * one at a time, and rejected rows go to the errors file as they are found, so memory does not
 * grow with the leads file. An events file is merged alongside when it lists each lead's events
 * together and in the leads file's order (as exports sorted by lead do); otherwise the run is
 * repeated with the events held in memory by lead id, and says so.
 */
@Command(name = "score", sortOptions = false, usageHelpAutoWidth = true,
    description = {"Score new leads with a trained model: one CSV row per lead with the calibrated probability, the"
        + " 0-100 score, the tier and its action, the top reasons and risks (reason_1..3, risk_1..3, in percentage"
        + " points, and all of them in one 'reasons' cell), the model id and version and the as-of instant.",
        "Rows are streamed: memory stays the same whatever the file's size. Rows that cannot be read or scored go to"
            + " the errors file with their line numbers as they are found; the others are scored, and the summary"
            + " accounts for every row (read = scored + rejected).",
        "Strict by default: schema columns missing from the header, a model with event features and no --events, or"
            + " bytes not valid in --encoding stop the run with an error (exit 1); --lenient goes on with a warning."},
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

  @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
  boolean quiet;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainedModel model = Io.model(modelFile);
    FeatureSchema schema = model.schema().schema();
    List<String> header = LeadInput.header(data);
    LeadInput.checkInputs(err, data, header, schema, "the model's schema");
    boolean timeDependent = !schema.eventTypes().isEmpty();
    if (timeDependent && data.asOf == null) {
      throw new CliException("the model has event features (" + String.join(", ", schema.eventTypes()) + "), so --as-of"
          + " is required: counts, decay and recency depend on the instant they are computed at");
    }
    Instant asOf = data.asOf != null ? data.asOf : Instant.EPOCH;
    String asOfText = data.asOf != null ? data.asOf.toString() : "";
    ModelScorer scorer = ModelScorer.of(model);
    LeadCsvReader reader = LeadInput.reader(data, null, false);
    Path errorsFile = data.errors != null ? data.errors : Io.errorsNextTo(out);

    Pass pass = new Pass(scorer, reader, asOf, asOfText, errorsFile, err);
    boolean ordered = data.events != null;
    pass.run(ordered);
    if (ordered && pass.notAttached > 0) {
      err.printf(Locale.ROOT, "note: %s does not list each lead's events together in the order of %s (%,d events were"
          + " left over), so the leads are scored again with the events held in memory; sort the events file by the"
          + " leads' order to score in constant memory%n", data.events.getFileName(), data.data.getFileName(),
          pass.notAttached);
      err.flush();
      pass = new Pass(scorer, reader, asOf, asOfText, errorsFile, err);
      pass.run(false);
    }
    summary(stdout, model, pass, timeDependent ? "as of " + asOf : "no time-dependent features", errorsFile);
    return 0;
  }

  private void summary(PrintWriter stdout, TrainedModel model, Pass pass, String when, Path errorsFile) {
    long n = pass.scored;
    stdout.printf(Locale.ROOT, "Scored %d of %d rows with %s v%s (%s) -> %s%n", n, pass.rowsRead, model.modelId(),
        model.artifactVersion(), when, out);
    stdout.printf(Locale.ROOT, "  rows read %d = scored %d + rejected %d%s%n", pass.rowsRead, n, pass.rejected,
        data.idColumn == null ? "; no id column, so leads are named by their data row number" : "");
    for (Tier t : Tier.values()) {
      long c = pass.tiers[t.ordinal()];
      stdout.printf(Locale.ROOT, "  %-9s %6d  %5.1f %%  %s%n", t.label(), c, n == 0 ? 0.0 : 100.0 * c / n, t.action());
    }
    if (pass.rejected > 0) {
      stdout.printf(Locale.ROOT, "  %d row(s) not scored, listed with their line numbers in %s%n", pass.rejected, errorsFile);
    }
    if (pass.eventProblems > 0) {
      stdout.printf(Locale.ROOT, "  %d events file row(s) not used, listed in %s%n", pass.eventProblems, errorsFile);
    }
    stdout.flush();
  }

  /** One streamed pass over the input: reads, scores, writes rows and problems as it goes. */
  private final class Pass {
    private final ModelScorer scorer;
    private final LeadCsvReader reader;
    private final Instant asOf;
    private final String asOfText;
    private final Path errorsFile;
    private final PrintWriter err;
    private final String leadsName;
    private final String eventsName;
    final long[] tiers = new long[Tier.values().length];
    long rowsRead;
    long scored;
    long rejected;
    long eventProblems;
    long notAttached;
    private ProblemFile problems;

    Pass(ModelScorer scorer, LeadCsvReader reader, Instant asOf, String asOfText, Path errorsFile, PrintWriter err) {
      this.scorer = scorer;
      this.reader = reader;
      this.asOf = asOf;
      this.asOfText = asOfText;
      this.errorsFile = errorsFile;
      this.err = err;
      this.leadsName = data.data.getFileName().toString();
      this.eventsName = data.events == null ? null : data.events.getFileName().toString();
    }

    void run(boolean ordered) {
      problems = new ProblemFile(errorsFile, data.errors != null);
      DecodingReader leads = DecodingReader.open(data.data, data.encoding, data.lenient, "leads file");
      DecodingReader events = null;
      RowProgress progress = quiet ? null : new RowProgress(err, leadsName, size(data.data), leads);
      try (Writer w = output(); ProblemFile p = problems) {
        ScoredCsv.Rows rows = new ScoredCsv.Rows(scorer, asOf, asOfText, moves, w);
        LeadCsvReader.LeadSink sink = (lead, line) -> {
          score(rows, lead, line);
          if (progress != null) {
            progress.row();
          }
        };
        if (data.events == null) {
          rowsRead = reader.streamWithLines(leads, sink, this::readProblem);
        } else {
          events = DecodingReader.open(data.events, data.encoding, data.lenient, "events file");
          LeadCsvReader.StreamCounts c = reader.streamWithEvents(leads, events, ordered, sink, this::readProblem);
          rowsRead = c.rowsRead();
          notAttached = c.eventsNotAttached();
        }
        rows.flush();
      } catch (WriteFailure e) {
        throw new CliException("cannot write " + e.file + ": " + Io.reason(e.getCause()), e.getCause());
      } catch (UncheckedIOException e) {
        throw LeadInput.readFailure(data, leads, events, e);
      } catch (IllegalArgumentException e) {
        throw LeadInput.headerFailure(data, e);
      } catch (IOException e) {
        throw new CliException("cannot write " + out + ": " + Io.reason(e), e);
      } finally {
        Io.closeQuietly(leads);
        Io.closeQuietly(events);
      }
      if (progress != null) {
        progress.done(rowsRead);
      }
      LeadInput.warnReplaced(err, data, leads, events);
      if (rowsRead != scored + rejected) {
        throw new IllegalStateException("rows read " + rowsRead + " != scored " + scored + " + rejected " + rejected);
      }
    }

    private void score(ScoredCsv.Rows rows, Lead lead, long line) {
      Score s;
      try {
        s = rows.score(lead);
      } catch (LeadDataException e) {
        rejected++;
        problems.add(leadsName, line, lead.id(), e.field(), "line " + line + ": " + e.getMessage());
        return;
      } catch (IOException e) {
        throw new WriteFailure(out, e);
      }
      scored++;
      tiers[s.tier().ordinal()]++;
    }

    private void readProblem(RowError e) {
      boolean fromEvents = e.message().startsWith("events file");
      if (fromEvents) {
        eventProblems++;
      } else {
        rejected++;
      }
      problems.add(fromEvents ? eventsName : leadsName, e.row(), e.leadId(), e.field(), e.message());
    }

    private Writer output() {
      try {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), StandardCharsets.UTF_8), 1 << 16);
      } catch (IOException e) {
        throw new CliException("cannot write the scores to " + out + ": " + Io.reason(e), e);
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  /** An output failure inside the reader's callback, carried out to be reported once. */
  static final class WriteFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Path file;

    WriteFailure(Path file, IOException cause) {
      super(cause);
      this.file = file;
    }

    @Override
    public synchronized IOException getCause() {
      return (IOException) super.getCause();
    }
  }

  /**
   * The errors file written as problems are found: created at the first problem, or at once when
   * it was named with {@code --errors} (so an empty one says there were none).
   */
  static final class ProblemFile implements AutoCloseable {
    private final Path file;
    private Writer w;
    private long count;

    ProblemFile(Path file, boolean always) {
      this.file = file;
      if (always) {
        open();
      }
    }

    void add(String fileName, long line, String leadId, String field, String message) {
      if (w == null) {
        open();
      }
      count++;
      try {
        w.write(Csv.line(java.util.Arrays.asList(fileName, line > 0 ? Long.toString(line) : "", leadId, field, message)));
      } catch (IOException e) {
        throw new WriteFailure(file, e);
      }
    }

    long count() {
      return count;
    }

    private void open() {
      try {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write(Csv.line(LeadInput.PROBLEM_HEADER));
      } catch (IOException e) {
        throw new CliException("cannot write the errors file " + file + ": " + Io.reason(e), e);
      }
    }

    @Override
    public void close() {
      if (w != null) {
        try {
          w.close();
        } catch (IOException e) {
          throw new WriteFailure(file, e);
        }
      }
    }
  }
}
