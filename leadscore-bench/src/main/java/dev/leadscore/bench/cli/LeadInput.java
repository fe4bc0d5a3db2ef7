package dev.leadscore.bench.cli;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import dev.leadscore.core.io.EventCsvReader;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Leads read from a CSV export (and an optional event log) with every row that cannot be used
 * reported: the reader's row errors (wrong column count, blank or repeated id, blank label, a
 * cell that does not parse as its column's type), and, after {@link #screened}, the leads whose
 * values the feature schema cannot read. Every problem carries the file and the 1-based line the
 * row starts on (header = line 1), so the errors file points at the row to fix. Immutable.
 */
final class LeadInput {
  /**
   * One rejected row.
   *
   * @param file the file name
   * @param line the 1-based line the row starts on, or 0 when unknown
   * @param leadId the lead's id, or null when unreadable
   * @param field the column or feature at fault, or null
   * @param message what was wrong
   */
  record Problem(String file, long line, String leadId, String field, String message) {}

  private final List<LabelledLead> labelled;
  private final List<Lead> leads;
  private final List<Problem> problems;
  private final int rowsRead;
  private final Map<String, Long> lines;
  private final String fileName;

  private LeadInput(List<LabelledLead> labelled, List<Lead> leads, List<Problem> problems, int rowsRead,
      Map<String, Long> lines, String fileName) {
    this.labelled = labelled == null ? null : List.copyOf(labelled);
    this.leads = List.copyOf(leads);
    List<Problem> sorted = new ArrayList<>(problems);
    sorted.sort(Comparator.comparing(Problem::file).thenComparingLong(Problem::line));
    this.problems = List.copyOf(sorted);
    this.rowsRead = rowsRead;
    this.lines = lines;
    this.fileName = fileName;
  }

  /** The errors file's header. */
  static final List<String> PROBLEM_HEADER = List.of("file", "line", "lead_id", "field", "message");

  /**
   * Reads the leads file (with the events file, if any).
   *
   * @param label the label column, or null to read unlabelled leads
   * @throws CliException if a file cannot be read or its header does not fit the options
   */
  static LeadInput read(DataOptions o, LabelOptions label) {
    header(o);
    LeadCsvReader reader = reader(o, label, true);
    ReadResult r;
    DecodingReader leads = DecodingReader.open(o.data, o.encoding, o.lenient, "leads file");
    DecodingReader events = null;
    try {
      if (o.events == null) {
        r = reader.read(leads);
      } else {
        events = DecodingReader.open(o.events, o.encoding, o.lenient, "events file");
        r = reader.readWithEvents(leads, events);
      }
    } catch (UncheckedIOException e) {
      throw readFailure(o, leads, events, e);
    } catch (IllegalArgumentException e) {
      throw headerFailure(o, e);
    } finally {
      Io.closeQuietly(leads);
      Io.closeQuietly(events);
    }
    String leadsName = o.data.getFileName().toString();
    String eventsName = o.events == null ? null : o.events.getFileName().toString();
    List<Problem> problems = new ArrayList<>();
    for (RowError e : r.errors()) {
      boolean fromEvents = e.message().startsWith("events file");
      problems.add(new Problem(fromEvents ? eventsName : leadsName, e.row(), e.leadId(), e.field(), e.message()));
    }
    Map<String, Long> lines = o.idColumn == null ? Map.of() : lineIndex(o.data, o.delimiter, o.idColumn, o.encoding);
    return new LeadInput(r.hasLabels() ? r.labelled() : null, r.leads(), problems, r.rowsRead(), lines, leadsName);
  }

  /**
   * The leads file's header; also settles the id column: {@code --id-column} if given, else
   * {@code id} when the header has it, else none (leads are named by row number).
   *
   * @throws CliException if the file cannot be read or has no header
   */
  static List<String> header(DataOptions o) {
    DecodingReader in = DecodingReader.open(o.data, o.encoding, o.lenient, "leads file");
    List<String> header;
    try {
      header = LeadCsvReader.header(in, o.delimiter);
    } catch (UncheckedIOException e) {
      throw readFailure(o, in, null, e);
    } catch (IllegalArgumentException e) {
      throw new CliException(o.data + ": " + e.getMessage(), e);
    } finally {
      Io.closeQuietly(in);
    }
    if (o.idColumn == null && header.contains(CsvExport.ID)) {
      o.idColumn = CsvExport.ID;
    }
    return header;
  }

  /**
   * The reader the options describe.
   *
   * @param uniqueIds whether a repeated id is a row error (it keeps every id in memory)
   * @throws CliException for contradictory column options
   */
  static LeadCsvReader reader(DataOptions o, LabelOptions label, boolean uniqueIds) {
    try {
      LeadCsvReader.Builder b = LeadCsvReader.builder().delimiter(o.delimiter).uniqueIds(uniqueIds);
      if (o.idColumn != null) {
        b.idColumn(o.idColumn);
      } else {
        b.rowNumberIds();
      }
      if (label != null) {
        b.labelColumn(label.labelColumn, label.positive);
      }
      b.numberColumns(o.numberColumns.toArray(new String[0]));
      b.booleanColumns(o.booleanColumns.toArray(new String[0]));
      if (o.createdAtColumn != null) {
        if (o.createdAtFormat != null) {
          b.createdAtColumn(o.createdAtColumn, DateTimeFormatter.ofPattern(o.createdAtFormat), o.zone);
        } else {
          b.createdAtColumn(o.createdAtColumn);
        }
      }
      EventCsvReader.Builder e = EventCsvReader.builder().leadIdColumn(o.eventsIdColumn)
          .typeColumn(o.eventsTypeColumn).timestampColumn(o.eventsTimeColumn).delimiter(o.delimiter);
      if (o.eventsCountColumn != null) {
        e.countColumn(o.eventsCountColumn);
      }
      return b.events(e.build()).build();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /**
   * The input checks that are errors unless {@code --lenient}: every attribute the schema reads
   * has a column in the header, and a schema with event features has an events file.
   *
   * @param whose how to name the schema in messages, e.g. "the model's schema"
   * @throws CliException naming the file, line 1 and the missing columns, when not lenient
   */
  static void checkInputs(PrintWriter err, DataOptions o, List<String> header, FeatureSchema schema, String whose) {
    Set<String> missing = new TreeSet<>(schema.attributes());
    missing.removeAll(header);
    if (!missing.isEmpty()) {
      StringBuilder sb = new StringBuilder(o.data.getFileName() + ", line 1: the header has no column");
      sb.append(missing.size() == 1 ? " " : "s ");
      String sep = "";
      for (String m : missing) {
        sb.append(sep).append('\'').append(m).append('\'');
        String near = nearest(m, header);
        if (near != null) {
          sb.append(" (the header has '").append(near).append("')");
        }
        sep = ", ";
      }
      sb.append(", which ").append(whose).append(" reads");
      problem(err, o, sb + "; every lead would be scored as missing "
          + (missing.size() == 1 ? "it" : "them"), "fix the header (or the schema), or pass --lenient to go on anyway");
    }
    if (!schema.eventTypes().isEmpty() && o.events == null) {
      problem(err, o, whose.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + whose.substring(1)
          + " has event features (" + String.join(", ", schema.eventTypes()) + ") but no --events file was given;"
          + " every lead would count as having no activity", "pass --events FILE, or --lenient to go on without events");
    }
  }

  private static void problem(PrintWriter err, DataOptions o, String what, String remedy) {
    if (!o.lenient) {
      throw new CliException(what + "; " + remedy);
    }
    err.println("warning: " + what + " (--lenient: going on)");
    err.flush();
  }

  /** A header column spelt like {@code name} up to case, spaces and punctuation, or null. */
  private static String nearest(String name, List<String> header) {
    String key = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
    for (String h : header) {
      if (h.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{Alnum}]", "").equals(key)) {
        return h;
      }
    }
    return null;
  }

  /**
   * A read that failed on I/O as one message naming the file: for bytes not valid in the
   * encoding, with the line and character and what to do.
   */
  static CliException readFailure(DataOptions o, DecodingReader leads, DecodingReader events, UncheckedIOException e) {
    Path file = events != null && events.failed() ? o.events : leads != null && leads.failed() ? o.data : null;
    IOException cause = e.getCause();
    if (file != null && cause instanceof java.nio.charset.CharacterCodingException) {
      return new CliException(file + ", " + cause.getMessage() + "; name the file's character set with --encoding"
          + " (for example --encoding windows-1252), or pass --lenient to replace such bytes", e);
    }
    String which = file != null ? file.toString() : o.events == null ? o.data.toString() : o.data + " or " + o.events;
    return new CliException("cannot read " + which + ": " + Io.reason(cause), e);
  }

  /** A header that does not fit the options, naming the file it is in. */
  static CliException headerFailure(DataOptions o, IllegalArgumentException e) {
    Path file = e.getMessage() != null && e.getMessage().contains("events CSV") && o.events != null ? o.events : o.data;
    return new CliException(file + ": " + e.getMessage(), e);
  }

  /** Warns when lenient decoding replaced bytes. */
  static void warnReplaced(PrintWriter err, DataOptions o, DecodingReader leads, DecodingReader events) {
    for (DecodingReader r : new DecodingReader[] {leads, events}) {
      if (r != null && r.replaced() > 0) {
        err.printf("warning: %d byte sequence(s) of %s not valid in %s were replaced by U+FFFD (--lenient)%n", r.replaced(),
            r == leads ? o.data : o.events, o.encoding.name());
        err.flush();
      }
    }
  }

  /** The accepted leads. */
  List<Lead> leads() {
    return leads;
  }

  /** The accepted leads with their labels. */
  List<LabelledLead> labelled() {
    if (labelled == null) {
      throw new IllegalStateException("read without a label column");
    }
    return labelled;
  }

  /** Every rejected row, by file and line. */
  List<Problem> problems() {
    return problems;
  }

  /** Data rows in the leads file, good or bad. */
  int rowsRead() {
    return rowsRead;
  }

  /** Rows of the leads file rejected. */
  int rejectedLeadRows() {
    return rowsRead - leads.size();
  }

  /** The problem of a lead the schema or scorer could not use, located at its line. */
  Problem problem(String leadId, String field, String message) {
    Long line = leadId == null ? null : lines.get(leadId);
    long l = line == null ? 0 : line;
    return new Problem(fileName, l, leadId, field, (l > 0 ? "line " + l + ": " : "") + message);
  }

  /** This input with some leads, by id, moved to the problems. */
  LeadInput without(Map<String, Problem> rejected) {
    List<Problem> p = new ArrayList<>(problems);
    p.addAll(rejected.values());
    List<Lead> keptLeads = new ArrayList<>();
    for (Lead l : leads) {
      if (!rejected.containsKey(l.id())) {
        keptLeads.add(l);
      }
    }
    List<LabelledLead> keptLabelled = null;
    if (labelled != null) {
      keptLabelled = new ArrayList<>();
      for (LabelledLead l : labelled) {
        if (!rejected.containsKey(l.lead().id())) {
          keptLabelled.add(l);
        }
      }
    }
    return new LeadInput(keptLabelled, keptLeads, p, rowsRead, lines, fileName);
  }

  /**
   * The leads the schema can use: fits it on the accepted leads, and while a lead has a value it
   * cannot read (a text where a number is declared, say), moves that lead to the problems and
   * fits again; then extracts every remaining lead at {@code asOf} and moves those that fail.
   *
   * @throws CliException if the schema cannot be fitted at all, or more than half the rows are
   *     unreadable (the configuration is probably wrong)
   */
  LeadInput screened(FeatureSchema schema, Instant asOf) {
    Map<String, Lead> kept = new LinkedHashMap<>();
    for (Lead l : leads) {
      kept.put(l.id(), l);
    }
    Map<String, Problem> rejected = new LinkedHashMap<>();
    FittedSchema fitted;
    while (true) {
      if (kept.isEmpty()) {
        throw new CliException("no usable leads: every row was rejected" + firstProblem(rejected));
      }
      try {
        fitted = schema.fit(new ArrayList<>(kept.values()));
        break;
      } catch (LeadDataException e) {
        if (e.leadId() == null || kept.remove(e.leadId()) == null) {
          throw new CliException(e.getMessage(), e);
        }
        rejected.put(e.leadId(), problem(e.leadId(), e.field(), e.getMessage()));
        tooMany(rejected, kept.size());
      } catch (SchemaException e) {
        throw new CliException("the schema cannot be fitted on these leads: " + e.getMessage(), e);
      }
    }
    double[] row = new double[fitted.width()];
    for (Lead l : new ArrayList<>(kept.values())) {
      try {
        fitted.extract(l, asOf, row);
      } catch (LeadDataException e) {
        kept.remove(l.id());
        rejected.put(l.id(), problem(l.id(), e.field(), e.getMessage()));
      }
    }
    tooMany(rejected, kept.size());
    return rejected.isEmpty() ? this : without(rejected);
  }

  private static void tooMany(Map<String, Problem> rejected, int kept) {
    if (rejected.size() > Math.max(50, kept)) {
      throw new CliException(rejected.size() + " leads have values the schema cannot read, more than are usable;"
          + " check the schema and the column options" + firstProblem(rejected));
    }
  }

  private static String firstProblem(Map<String, Problem> rejected) {
    return rejected.isEmpty() ? "" : " (first: " + rejected.values().iterator().next().message() + ")";
  }

  /** The latest event or creation time among the leads, or null when there is none. */
  Instant latestTimestamp() {
    Instant latest = null;
    for (Lead l : leads) {
      for (ActivityEvent e : l.events()) {
        latest = latest == null || e.at().isAfter(latest) ? e.at() : latest;
      }
      Instant c = l.createdAt().orElse(null);
      if (c != null && (latest == null || c.isAfter(latest))) {
        latest = c;
      }
    }
    return latest;
  }

  /**
   * The instant to extract features at: {@code --as-of} if given; otherwise, for a schema without
   * event features, the epoch (nothing depends on it).
   *
   * @throws CliException when the schema has event features and no {@code --as-of} was given
   */
  static Instant asOf(Instant given, FeatureSchema schema, LeadInput input) {
    if (given != null) {
      return given;
    }
    if (schema.eventTypes().isEmpty()) {
      return Instant.EPOCH;
    }
    Instant latest = input.latestTimestamp();
    throw new CliException("the schema has event features (" + String.join(", ", schema.eventTypes()) + "), so --as-of"
        + " is required: counts, decay and recency depend on the instant they are computed at"
        + (latest == null ? "" : "; the latest timestamp in the data is " + latest));
  }

  /** Writes the problems as CSV: file, line, lead_id, field, message. */
  static void writeProblems(Path file, List<Problem> problems) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        w.write(Csv.line(PROBLEM_HEADER));
        for (Problem p : problems) {
          w.write(Csv.line(java.util.Arrays.asList(p.file(), p.line() > 0 ? Long.toString(p.line()) : "",
              p.leadId(), p.field(), p.message())));
        }
      }
    } catch (IOException e) {
      throw new CliException("cannot write the errors file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The 1-based line each lead id's row starts on, found with the same CSV parser settings as the
   * reader (quoted fields may span lines; empty lines are skipped). Rows too short to hold the id
   * are left out; a repeated id keeps its first line. The file was read successfully just before,
   * so a syntax error here only ends the scan.
   */
  static Map<String, Long> lineIndex(Path csv, char delimiter, String idColumn, java.nio.charset.Charset charset) {
    Map<String, Long> lines = new HashMap<>();
    CsvFactory factory = CsvFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    try (Reader in = Files.newBufferedReader(csv, charset); CsvParser p = factory.createParser(in)) {
      p.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
      p.disable(CsvParser.Feature.ALLOW_TRAILING_COMMA);
      p.disable(CsvParser.Feature.TRIM_SPACES);
      int idIndex = -1;
      while (p.nextToken() != null) {
        long start = p.currentLocation().getLineNr();
        List<String> cells = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
          if (cells.isEmpty()) {
            start = p.currentTokenLocation().getLineNr();
          }
          cells.add(t == JsonToken.VALUE_NULL ? "" : p.getText());
        }
        if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isEmpty()) {
          continue;
        }
        if (idIndex < 0) {
          if (cells.get(0).startsWith("\uFEFF")) {
            cells.set(0, cells.get(0).substring(1));
          }
          idIndex = cells.indexOf(idColumn);
          if (idIndex < 0) {
            return lines;
          }
          continue;
        }
        if (idIndex < cells.size()) {
          lines.putIfAbsent(cells.get(idIndex), start);
        }
      }
    } catch (IOException e) {
      // the index is best effort: problems without a line say so
    }
    return lines;
  }
}
