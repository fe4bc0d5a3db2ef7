package dev.leadscore.core.io;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads leads from a CSV export (a CRM or marketing-automation download): one lead per row, a
 * header on line 1, any single-character delimiter, fields optionally quoted with {@code "} (a
 * quoted field may hold delimiters, doubled quotes and line breaks). Rows are streamed one at a
 * time with jackson-dataformat-csv.
 *
 * <p>Configure with {@link #builder()}: the id column; optionally a label column with its
 * positive value, a creation-time column, column-to-attribute renames, and which columns are
 * numbers or booleans. Every other column becomes a {@link AttributeValue.Text} attribute named
 * exactly as its header (or only the mapped ones, with {@link Builder#onlyMapped}); the id, label
 * and creation-time columns are never attributes. Cells become values as follows:
 *
 * <ul>
 *   <li>a blank cell (empty or only whitespace) is {@link AttributeValue#ABSENT} in any column;
 *   <li>text is kept exactly as written, untrimmed (normalisation is the feature schema's job);
 *   <li>a number column takes a trimmed decimal such as {@code 12}, {@code -0.5} or {@code 1e3}
 *       (no thousands separators, no NaN or infinity);
 *   <li>a boolean column takes {@code true/false}, {@code yes/no}, {@code y/n} or {@code 1/0},
 *       in any case;
 *   <li>the label is true when the trimmed cell equals the positive value ignoring case, false for
 *       any other non-blank cell; a blank label is an error.
 * </ul>
 *
 * <p>Errors: a problem with the file as a whole (a column the configuration needs is missing from
 * the header, the header repeats a name, two columns would give the same attribute, the file is
 * empty) throws {@link IllegalArgumentException} naming the column and listing the header, before
 * any row is read. A problem with a row becomes one {@link RowError} and the other rows are still
 * read: the wrong number of columns (expected vs found), a blank id, an id already used by an
 * earlier row, a blank label, a cell that does not parse as its column's type (naming the column
 * and the value). The error's {@code row} is the 1-based physical line the row starts on, the
 * header being line 1, counted correctly across quoted fields that span lines; its message starts
 * with {@code line N:}. Malformed CSV rejects only its row, reported the same way ({@code malformed
 * CSV: ...}): text after a closing quote, a cell over 20,000,000 characters, and a quote that is
 * never closed (or that spans lines and is followed by text where it closes, the sign of a stray
 * quote), after which reading resumes on the line after the quote's. Completely empty lines are
 * skipped; a line holding only {@code ""} is a row (of one cell). Bytes that the reader's character
 * set cannot decode end the read with an {@link UncheckedIOException} naming the line and character.
 *
 * <p>A second CSV of activity events can be merged in by lead id with {@link #readWithEvents}, or
 * streamed alongside with {@link #streamWithEvents}, using the {@link EventCsvReader} given to
 * {@link Builder#events} (its defaults otherwise).
 *
 * <p>Immutable and safe to share between threads; each read uses its own parser. Readers passed
 * in are not closed; I/O failures surface as {@link UncheckedIOException}.
 *
 * <p>About 800 lines on purpose: the format contract above, the public {@link Builder} (a third of
 * the file, with its validation messages), the per-row cell conversion and the two ways of joining
 * an events file while streaming are the one public reader's API; the CSV tokenising lives in {@code CsvRows} and the event file in {@link
 * EventCsvReader}.
 */
public final class LeadCsvReader {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private enum Kind { TEXT, NUMBER, BOOLEAN }

  private final String idColumn;
  private final boolean uniqueIds;
  private final char delimiter;
  private final Map<String, String> mapping;
  private final boolean onlyMapped;
  private final Set<String> numberColumns;
  private final Set<String> booleanColumns;
  private final String createdAtColumn;
  private final DateTimeFormatter createdAtFormat;
  private final ZoneId createdAtZone;
  private final String labelColumn;
  private final String positiveLabel;
  private final EventCsvReader events;

  private LeadCsvReader(Builder b) {
    this.idColumn = b.idColumn;
    this.uniqueIds = b.uniqueIds;
    this.delimiter = b.delimiter;
    this.mapping = Map.copyOf(b.mapping);
    this.onlyMapped = b.onlyMapped;
    this.numberColumns = Set.copyOf(b.numberColumns);
    this.booleanColumns = Set.copyOf(b.booleanColumns);
    this.createdAtColumn = b.createdAtColumn;
    this.createdAtFormat = b.createdAtFormat;
    this.createdAtZone = b.createdAtZone;
    this.labelColumn = b.labelColumn;
    this.positiveLabel = b.positiveLabel;
    this.events = b.events;
  }

  /** {@return a builder with the defaults: id column {@code id}, comma-separated, every other column a text attribute, no label} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the whole file. With a label column the result {@linkplain ReadResult#hasLabels() has
   * labels}.
   *
   * @param csv the leads CSV, header first
   * @return the leads read, the row errors and, with a label column, the labels
   * @throws IllegalArgumentException if the header does not fit the configuration
   * @throws UncheckedIOException if reading fails
   */
  public ReadResult read(Reader csv) {
    Collected c = new Collected();
    long rows = readRows(csv, "line ", c, c.errors::add);
    return c.result(rows);
  }

  /**
   * Reads a UTF-8 file (a leading byte order mark is ignored).
   *
   * @param csv the leads file, header first
   * @return the leads read, the row errors and, with a label column, the labels
   * @throws IllegalArgumentException if the header does not fit the configuration
   * @throws IOException if the file cannot be opened or read, or is not valid UTF-8
   */
  public ReadResult read(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return read(r);
    } catch (UncheckedIOException e) {
      throw explain(csv, e.getCause());
    } catch (java.nio.charset.CharacterCodingException e) {
      throw explain(csv, e);
    }
  }

  /** The JDK's decoding errors say only "Input length = 1": name the file and the encoding. */
  private static IOException explain(Path csv, IOException e) {
    return e instanceof java.nio.charset.CharacterCodingException
        ? new IOException(csv + " is not valid UTF-8 (" + e + "); re-export it as UTF-8", e)
        : e;
  }

  /**
   * Streams the leads: each good row goes to {@code onLead} as soon as it is read, each bad one to
   * {@code onError}. A label column, if configured, is still checked but its value is not passed
   * on; use {@link #streamLabelled} for that.
   *
   * @param csv the leads CSV, header first
   * @param onLead receives each good lead as it is read
   * @param onError receives each bad row as it is met
   * @return the number of data rows read, good or bad
   * @throws IllegalArgumentException if the header does not fit the configuration
   * @throws UncheckedIOException if reading fails
   */
  public long stream(Reader csv, Consumer<Lead> onLead, Consumer<RowError> onError) {
    Objects.requireNonNull(onLead, "onLead");
    return readRows(csv, "line ", (line, lead, converted) -> onLead.accept(lead), onError);
  }

  /**
   * Streams the leads with their labels, like {@link #stream}.
   *
   * @param csv the leads CSV, header first
   * @param onLead receives each good lead with its label as it is read
   * @param onError receives each bad row as it is met
   * @return the number of data rows read, good or bad
   * @throws IllegalStateException if no label column is configured
   * @throws IllegalArgumentException if the header does not fit the configuration
   * @throws UncheckedIOException if reading fails
   */
  public long streamLabelled(Reader csv, Consumer<LabelledLead> onLead, Consumer<RowError> onError) {
    Objects.requireNonNull(onLead, "onLead");
    if (labelColumn == null) {
      throw new IllegalStateException("no label column is configured; use Builder.labelColumn or stream()");
    }
    return readRows(csv, "line ", (line, lead, converted) -> onLead.accept(new LabelledLead(lead, converted)), onError);
  }

  /**
   * Reads a leads file and an events file and attaches each event to the lead with its id, after
   * the lead's own events in events-file order. Error messages start with {@code leads file, line
   * N:} or {@code events file, line N:}; an event whose lead id is not among the leads read (or
   * whose lead's row was rejected) is an error of the events file. Leads file errors come first in
   * {@link ReadResult#errors()}; {@link ReadResult#rowsRead()} counts the leads file's rows.
   *
   * @param leads the leads CSV, header first
   * @param eventCsv the events CSV, header first
   * @return the leads with their events, and the errors of both files
   * @throws IllegalArgumentException if either header does not fit its configuration
   * @throws UncheckedIOException if reading fails
   */
  public ReadResult readWithEvents(Reader leads, Reader eventCsv) {
    Objects.requireNonNull(eventCsv, "eventCsv");
    Collected c = new Collected();
    long rows = readRows(leads, "leads file, line ", c, c.errors::add);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < c.leads.size(); i++) {
      index.put(c.leads.get(i).id(), i);
    }
    Map<Integer, List<ActivityEvent>> extra = new LinkedHashMap<>();
    String source = "events file, line ";
    events.read(eventCsv, source, (line, id, event) -> {
      Integer i = index.get(id);
      if (i != null) {
        extra.computeIfAbsent(i, k -> new ArrayList<>()).add(event);
      } else {
        c.errors.add(EventCsvReader.error(line, source, id, events.leadIdColumn(), c.rejected.contains(id)
            ? "the lead's row in the leads file was rejected (see its error), so this event was not attached"
            : "no lead with this id in the leads file"));
      }
    }, c.errors::add);
    extra.forEach((i, list) -> {
      Lead.Builder b = c.leads.get(i).toBuilder();
      list.forEach(b::event);
      c.leads.set(i, b.build());
    });
    return c.result(rows);
  }

  /**
   * The header row of a CSV file: its column names as written (a leading byte order mark removed),
   * so a caller can check them before reading. Reads only the first row.
   *
   * @param csv the CSV, header first
   * @param delimiter the column separator
   * @return the column names, in file order
   * @throws IllegalArgumentException if the input is empty, its header is malformed or repeats a name
   * @throws UncheckedIOException if reading fails
   */
  public static List<String> header(Reader csv, char delimiter) {
    Objects.requireNonNull(csv, "csv");
    try (CsvRows in = new CsvRows(csv, delimiter)) {
      return CsvRows.header(in, "CSV file", null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Receives one accepted lead with the 1-based line its row starts on. */
  @FunctionalInterface
  public interface LeadSink {
    /**
     * Takes one lead.
     *
     * @param lead the lead read
     * @param line the 1-based line its row starts on
     */
    void accept(Lead lead, long line);
  }

  /**
   * What a streamed read with an events file saw.
   *
   * @param rowsRead data rows of the leads file, good or bad
   * @param eventsRead data rows of the events file, good or bad
   * @param eventsNotAttached good events that no lead row took: their lead id is not in the leads
   *     file or (in an ordered read) they broke the order; a rejected lead row's events are not
   *     counted here (they are reported with the row)
   */
  public record StreamCounts(long rowsRead, long eventsRead, long eventsNotAttached) {}

  /**
   * Streams the leads like {@link #stream}, each with the line its row starts on.
   *
   * @param csv the leads CSV, header first
   * @param onLead receives each good lead with its line
   * @param onError receives each bad row as it is met
   * @return the number of data rows read, good or bad
   * @throws IllegalArgumentException if the header does not fit the configuration
   * @throws UncheckedIOException if reading fails
   */
  public long streamWithLines(Reader csv, LeadSink onLead, Consumer<RowError> onError) {
    Objects.requireNonNull(onLead, "onLead");
    return readRows(csv, "line ", (line, lead, converted) -> onLead.accept(lead, line), onError, null);
  }

  /**
   * Streams the leads with their events attached, each lead going to {@code onLead} as soon as it
   * is complete. Error messages start with {@code leads file, line N:} or {@code events file, line
   * N:}, as in {@link #readWithEvents}.
   *
   * <p>With {@code ordered}, the events file is read alongside the leads file and holds one event
   * at a time, so memory does not grow with either file: this needs each lead's events together
   * and in the leads file's order (as an export sorted by lead, or {@code CsvExport}, writes
   * them). An event that breaks the order stops the merge for the events after it: they are
   * counted in {@link StreamCounts#eventsNotAttached()} (not reported one by one), and the leads
   * after it were given without some of their events, so the caller should read again without
   * {@code ordered}. Without {@code ordered}, the events are first read into memory by lead id
   * (memory grows with the events file, not the leads file), and each event that no accepted lead
   * takes is reported as an error of the events file, as {@link #readWithEvents} does. The events
   * of a rejected lead row are reported, in both modes.
   *
   * @param leads the leads CSV, header first
   * @param eventCsv the events CSV, header first
   * @param ordered whether the events file is sorted like the leads file and can be merged in constant memory
   * @param onLead receives each complete lead with its line
   * @param onError receives each bad row as it is met
   * @return the leads rows read, the events read and the events not attached
   * @throws IllegalArgumentException if either header does not fit its configuration
   * @throws UncheckedIOException if reading fails
   */
  public StreamCounts streamWithEvents(Reader leads, Reader eventCsv, boolean ordered, LeadSink onLead,
      Consumer<RowError> onError) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(eventCsv, "eventCsv");
    Objects.requireNonNull(onLead, "onLead");
    Objects.requireNonNull(onError, "onError");
    String source = "events file, line ";
    EventCsvReader.Cursor cursor = events.cursor(eventCsv, source, onError);
    Attach attach = ordered ? new Merge(cursor, source, onError) : new Held(cursor, source, onError);
    long rows = readRows(leads, "leads file, line ", (line, lead, converted) -> onLead.accept(lead, line), onError, attach);
    long notAttached = attach.finish();
    return new StreamCounts(rows, cursor.rows(), notAttached);
  }

  /** Gives a lead row its events while it is built, and learns of rejected rows. */
  private interface Attach {
    /** A new row begins: what was attached to the previous one is its lead's for good. */
    void startRow();

    void attach(String leadId, Lead.Builder lead);

    /** The row of this lead (id null when unreadable) was rejected after or before {@link #attach}. */
    void rejected(String leadId);

    /** Reports what is left; returns the number of events not attached. */
    long finish();
  }

  private RowError rejectedLeadEvent(String source, EventCsvReader.Cursor.Item e) {
    return EventCsvReader.error(e.line(), source, e.leadId(), events.leadIdColumn(),
        "the lead's row in the leads file was rejected (see its error), so this event was not attached");
  }

  /** The ordered merge: one event held ahead. */
  private final class Merge implements Attach {
    private final EventCsvReader.Cursor cursor;
    private final String source;
    private final Consumer<RowError> onError;
    private final List<EventCsvReader.Cursor.Item> current = new ArrayList<>();
    private String currentId;
    private EventCsvReader.Cursor.Item head;

    Merge(EventCsvReader.Cursor cursor, String source, Consumer<RowError> onError) {
      this.cursor = cursor;
      this.source = source;
      this.onError = onError;
      this.head = cursor.next();
    }

    @Override
    public void startRow() {
      current.clear();
      currentId = null;
    }

    @Override
    public void attach(String leadId, Lead.Builder lead) {
      currentId = leadId;
      while (head != null && head.leadId().equals(leadId)) {
        lead.event(head.event());
        current.add(head);
        head = cursor.next();
      }
    }

    @Override
    public void rejected(String leadId) {
      if (leadId == null) {
        return;
      }
      if (leadId.equals(currentId)) {
        current.forEach(e -> onError.accept(rejectedLeadEvent(source, e)));
      }
      while (head != null && head.leadId().equals(leadId)) {
        onError.accept(rejectedLeadEvent(source, head));
        head = cursor.next();
      }
      current.clear();
      currentId = null;
    }

    @Override
    public long finish() {
      long left = 0;
      while (head != null) {
        left++;
        head = cursor.next();
      }
      return left;
    }
  }

  /** Events read into memory by lead id first. */
  private final class Held implements Attach {
    private final String source;
    private final Consumer<RowError> onError;
    private final Map<String, List<EventCsvReader.Cursor.Item>> byLead = new LinkedHashMap<>();
    private final Set<String> rejectedIds = new HashSet<>();
    private List<EventCsvReader.Cursor.Item> current;
    private String currentId;

    Held(EventCsvReader.Cursor cursor, String source, Consumer<RowError> onError) {
      this.source = source;
      this.onError = onError;
      for (EventCsvReader.Cursor.Item e = cursor.next(); e != null; e = cursor.next()) {
        byLead.computeIfAbsent(e.leadId(), k -> new ArrayList<>()).add(e);
      }
    }

    @Override
    public void startRow() {
      current = null;
      currentId = null;
    }

    @Override
    public void attach(String leadId, Lead.Builder lead) {
      current = byLead.remove(leadId);
      currentId = leadId;
      if (current != null) {
        current.forEach(e -> lead.event(e.event()));
      }
    }

    @Override
    public void rejected(String leadId) {
      if (leadId == null) {
        return;
      }
      if (leadId.equals(currentId) && current != null) {
        current.forEach(e -> onError.accept(rejectedLeadEvent(source, e)));
      }
      current = null;
      currentId = null;
      rejectedIds.add(leadId);
    }

    @Override
    public long finish() {
      long left = 0;
      for (Map.Entry<String, List<EventCsvReader.Cursor.Item>> en : byLead.entrySet()) {
        boolean rejectedLead = rejectedIds.contains(en.getKey());
        for (EventCsvReader.Cursor.Item e : en.getValue()) {
          left += rejectedLead ? 0 : 1;
          onError.accept(rejectedLead ? rejectedLeadEvent(source, e)
              : EventCsvReader.error(e.line(), source, e.leadId(), events.leadIdColumn(), "no lead with this id in the leads file"));
        }
      }
      byLead.clear();
      return left;
    }
  }

  // ------------------------------------------------------------------ reading

  /** Receives one good row. */
  private interface Sink {
    void accept(long line, Lead lead, boolean converted);
  }

  /** Accepted rows and errors of a whole-file read. */
  private final class Collected implements Sink {
    final List<Lead> leads = new ArrayList<>();
    final List<Boolean> labels = new ArrayList<>();
    final List<RowError> errors = new ArrayList<>();
    final Set<String> rejected = new HashSet<>();

    @Override
    public void accept(long line, Lead lead, boolean converted) {
      leads.add(lead);
      labels.add(converted);
    }

    ReadResult result(long rows) {
      int n = Math.toIntExact(rows);
      if (labelColumn == null) {
        return ReadResult.unlabelled(leads, errors, n);
      }
      List<LabelledLead> labelled = new ArrayList<>(leads.size());
      for (int i = 0; i < leads.size(); i++) {
        labelled.add(new LabelledLead(leads.get(i), labels.get(i)));
      }
      return ReadResult.labelled(labelled, errors, n);
    }
  }

  /** One attribute column. */
  private record Attr(int index, String column, String name, Kind kind) {}

  /** The configuration applied to one header. */
  private record Plan(int columns, int id, int label, int createdAt, List<Attr> attrs) {}

  private Plan plan(List<String> header) {
    String what = "leads CSV";
    int id = idColumn == null ? -1 : CsvRows.require(header, idColumn, "id column", what);
    int label = labelColumn == null ? -1 : CsvRows.require(header, labelColumn, "label column", what);
    int created = createdAtColumn == null ? -1 : CsvRows.require(header, createdAtColumn, "created-at column", what);
    for (String column : mapping.keySet()) {
      CsvRows.require(header, column, "mapped column", what);
    }
    for (String column : numberColumns) {
      CsvRows.require(header, column, "number column", what);
    }
    for (String column : booleanColumns) {
      CsvRows.require(header, column, "boolean column", what);
    }
    List<Attr> attrs = new ArrayList<>();
    Map<String, String> attributeSource = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (i == id || i == label || i == created) {
        continue;
      }
      String column = header.get(i);
      String name = mapping.get(column);
      if (name == null) {
        if (onlyMapped) {
          continue;
        }
        if (column.isBlank()) {
          throw new IllegalArgumentException("column " + (i + 1) + " of the leads CSV has a blank header, which cannot be an attribute name;"
              + " name it with map(\"" + column + "\", \"attribute\") or use onlyMapped(true); header: " + Texts.header(header));
        }
        name = column;
      }
      String other = attributeSource.putIfAbsent(name, column);
      if (other != null) {
        throw new IllegalArgumentException("columns '" + other + "' and '" + column + "' would both become attribute '" + name
            + "'; rename one with map(); header: " + Texts.header(header));
      }
      Kind kind = numberColumns.contains(column) ? Kind.NUMBER : booleanColumns.contains(column) ? Kind.BOOLEAN : Kind.TEXT;
      // The canonical instance, as schemas use (so extraction matches the name by reference).
      attrs.add(new Attr(i, column, name.intern(), kind));
    }
    return new Plan(header.size(), id, label, created, List.copyOf(attrs));
  }

  private long readRows(Reader csv, String source, Sink onLead, Consumer<RowError> onError) {
    return readRows(csv, source, onLead, onError, null);
  }

  private long readRows(Reader csv, String source, Sink onLead, Consumer<RowError> onError, Attach attach) {
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(onError, "onError");
    Set<String> rejected = onLead instanceof Collected c ? c.rejected : null;
    long rows = 0;
    try (CsvRows in = new CsvRows(csv, delimiter)) {
      Plan plan = plan(CsvRows.header(in, "leads CSV", idColumn));
      Map<String, Long> firstLine = uniqueIds ? new HashMap<>() : null;
      SharedValues shared = new SharedValues();
      for (CsvRows.Row row = in.next(); row != null; row = in.next()) {
        rows++;
        if (attach != null) {
          attach.startRow();
        }
        RowError e = row(plan, row, rows, source, firstLine, shared, onLead, attach);
        if (e != null) {
          if (attach != null) {
            attach.rejected(e.leadId());
          }
          if (rejected != null && e.leadId() != null && !Objects.equals(idColumn, e.field())) {
            rejected.add(e.leadId());
          }
          onError.accept(e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** Turns one row into a lead (given to {@code onLead}) or returns its error. */
  private RowError row(Plan plan, CsvRows.Row row, long ordinal, String source, Map<String, Long> firstLine,
      SharedValues shared, Sink onLead, Attach attach) {
    List<String> c = row.cells();
    long line = row.line();
    String id = plan.id() >= 0 && plan.id() < c.size() && !c.get(plan.id()).isBlank() ? c.get(plan.id())
        : plan.id() < 0 ? Long.toString(ordinal) : null;
    if (row.problem() != null) {
      return CsvRows.malformed(row, source, id);
    }
    if (c.size() != plan.columns()) {
      return new RowError(line, id, null, source + line + ": " + Texts.leadMessage(id, null,
          "expected " + plan.columns() + " columns as in the header, found " + c.size()));
    }
    if (id == null) {
      return error(line, source, null, idColumn, "the id cell is blank");
    }
    Long first = firstLine == null ? null : firstLine.putIfAbsent(id, line);
    if (first != null) {
      return error(line, source, id, idColumn, "the id was already used by the row at line " + first);
    }
    boolean converted = false;
    if (plan.label() >= 0) {
      String raw = c.get(plan.label());
      if (raw.isBlank()) {
        return error(line, source, id, labelColumn, "label missing: the cell is blank");
      }
      converted = raw.strip().equalsIgnoreCase(positiveLabel);
    }
    Lead.Builder lead = Lead.builder(id);
    if (plan.createdAt() >= 0 && !c.get(plan.createdAt()).isBlank()) {
      String raw = c.get(plan.createdAt());
      try {
        lead.createdAt(Timestamps.parse(raw, createdAtFormat, createdAtZone));
      } catch (DateTimeException e) {
        return error(line, source, id, createdAtColumn, Timestamps.problem(raw, createdAtFormat, e));
      }
    }
    for (Attr a : plan.attrs()) {
      String raw = c.get(a.index());
      if (raw.isBlank()) {
        lead.absent(a.name());
        continue;
      }
      switch (a.kind()) {
        case TEXT -> lead.attribute(a.name(), shared.text(a.index(), raw));
        case NUMBER -> {
          String s = raw.strip();
          if (!DECIMAL.matcher(s).matches()) {
            return error(line, source, id, a.column(), Texts.quote(raw) + " is not a number");
          }
          double v = Double.parseDouble(s);
          if (!Double.isFinite(v)) {
            return error(line, source, id, a.column(), Texts.quote(raw) + " is not a finite number");
          }
          lead.number(a.name(), v);
        }
        case BOOLEAN -> {
          Boolean b = bool(raw);
          if (b == null) {
            return error(line, source, id, a.column(), Texts.quote(raw) + " is not a boolean (expected true/false, yes/no, y/n or 1/0)");
          }
          lead.bool(a.name(), b);
        }
      }
    }
    if (attach != null) {
      attach.attach(id, lead);
    }
    Lead built;
    try {
      built = lead.build();
    } catch (LeadDataException e) {
      return error(line, source, id, e.field(), e.problem());
    }
    onLead.accept(line, built, converted);
    return null;
  }

  private static Boolean bool(String raw) {
    switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1":
        return Boolean.TRUE;
      case "false", "no", "n", "0":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  private static RowError error(long line, String source, String leadId, String field, String problem) {
    return EventCsvReader.error(line, source, leadId, field, problem);
  }

  @Override
  public String toString() {
    return "LeadCsvReader[id '" + idColumn + "'" + (labelColumn == null ? "" : ", label '" + labelColumn + "' = '" + positiveLabel + "'")
        + ", delimiter '" + delimiter + "', " + mapping.size() + " mapped" + (onlyMapped ? " only" : "")
        + ", " + numberColumns.size() + " number, " + booleanColumns.size() + " boolean columns]";
  }

  // ------------------------------------------------------------------ builder

  /**
   * Configures a {@link LeadCsvReader}. Columns are named by their exact header text. Not
   * thread-safe; {@link #build()} takes a snapshot, so a builder may be changed and built again.
   */
  public static final class Builder {
    private String idColumn = "id";
    private boolean uniqueIds = true;
    private char delimiter = ',';
    private final Map<String, String> mapping = new LinkedHashMap<>();
    private boolean onlyMapped;
    private final Set<String> numberColumns = new LinkedHashSet<>();
    private final Set<String> booleanColumns = new LinkedHashSet<>();
    private String createdAtColumn;
    private DateTimeFormatter createdAtFormat;
    private ZoneId createdAtZone;
    private String labelColumn;
    private String positiveLabel;
    private EventCsvReader events = EventCsvReader.builder().build();

    private Builder() {}

    /**
     * The column holding each lead's id (default {@code id}); ids are taken exactly as written and must be unique.
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder idColumn(String column) {
      this.idColumn = EventCsvReader.Builder.name(column, "id column");
      return this;
    }

    /**
     * No id column: each lead is named by its 1-based data row number ({@code "1"} for the first
     * row after the header, counting rejected rows too), so a lead can be found in the file.
     *
     * @return this builder
     */
    public Builder rowNumberIds() {
      this.idColumn = null;
      return this;
    }

    /**
     * Whether a repeated id is a row error (default true). Checking keeps every id read so far;
     * a streaming read of an unbounded file that must run in constant memory turns it off, and
     * then a repeated id is simply another lead.
     *
     * @param check whether to reject a repeated id
     * @return this builder
     */
    public Builder uniqueIds(boolean check) {
      this.uniqueIds = check;
      return this;
    }

    /**
     * The column separator (default {@code ','}); for example {@code ';'}, {@code '\t'} or {@code '|'}.
     *
     * @param delimiter the column separator
     * @return this builder
     */
    public Builder delimiter(char delimiter) {
      if (!CsvRows.validDelimiter(delimiter)) {
        throw new IllegalArgumentException("a delimiter cannot be a quote or a line break, got '" + delimiter + "'");
      }
      this.delimiter = delimiter;
      return this;
    }

    /**
     * Reads {@code column} into the attribute {@code attribute} instead of one named like the
     * column. Number and boolean columns are still named by their header text.
     *
     * @param column the column's name as in the header
     * @param attribute the attribute's name
     * @return this builder
     * @throws IllegalArgumentException if the attribute name is blank or the column is already mapped
     */
    public Builder map(String column, String attribute) {
      Objects.requireNonNull(column, "column");
      String name = EventCsvReader.Builder.name(attribute, "attribute");
      if (mapping.containsKey(column)) {
        throw new IllegalArgumentException("column '" + column + "' is already mapped to attribute '" + mapping.get(column) + "'");
      }
      mapping.put(column, name);
      return this;
    }

    /**
     * Whether only mapped columns become attributes (default false: every column but id, label and created-at does).
     *
     * @param onlyMapped whether unmapped columns are ignored
     * @return this builder
     */
    public Builder onlyMapped(boolean onlyMapped) {
      this.onlyMapped = onlyMapped;
      return this;
    }

    /**
     * Columns whose cells are numbers ({@link AttributeValue.Num}); adds to earlier calls.
     *
     * @param columns the columns' names as in the header
     * @return this builder
     */
    public Builder numberColumns(String... columns) {
      for (String c : columns) {
        numberColumns.add(Objects.requireNonNull(c, "number column"));
      }
      return this;
    }

    /**
     * Columns whose cells are booleans ({@link AttributeValue.Bool}); adds to earlier calls.
     *
     * @param columns the columns' names as in the header
     * @return this builder
     */
    public Builder booleanColumns(String... columns) {
      for (String c : columns) {
        booleanColumns.add(Objects.requireNonNull(c, "boolean column"));
      }
      return this;
    }

    /**
     * The column holding when the lead was created, as ISO-8601 instants; a blank cell means unknown.
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder createdAtColumn(String column) {
      this.createdAtColumn = EventCsvReader.Builder.name(column, "created-at column");
      this.createdAtFormat = null;
      this.createdAtZone = null;
      return this;
    }

    /**
     * The column holding when the lead was created, in {@code format}; date-times without an
     * offset or zone are read in {@code zone}, dates without a time mean the start of the day.
     * The formatter is used as given: with its default {@code SMART} resolver {@code 31/02} becomes
     * 28 February, so pass one {@code withResolverStyle(ResolverStyle.STRICT)} (and {@code uuuu}
     * for the year) to refuse impossible dates.
     *
     * @param column the column's name as in the header
     * @param format how the column's timestamps are written
     * @param zone the zone of timestamps that carry no offset or zone
     * @return this builder
     */
    public Builder createdAtColumn(String column, DateTimeFormatter format, ZoneId zone) {
      this.createdAtColumn = EventCsvReader.Builder.name(column, "created-at column");
      this.createdAtFormat = Objects.requireNonNull(format, "format");
      this.createdAtZone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The column holding whether the lead converted: true when the trimmed cell equals {@code
     * positiveValue} ignoring case (e.g. {@code "1"}, {@code "yes"}, {@code "true"}), false for
     * any other non-blank cell; a blank cell is a row error.
     *
     * @param column the column's name as in the header
     * @param positiveValue the cell value that means converted, compared trimmed and ignoring case
     * @return this builder
     */
    public Builder labelColumn(String column, String positiveValue) {
      this.labelColumn = EventCsvReader.Builder.name(column, "label column");
      this.positiveLabel = EventCsvReader.Builder.name(positiveValue, "positive label value").strip();
      return this;
    }

    /**
     * How {@link LeadCsvReader#readWithEvents} reads the events file (default: {@link EventCsvReader#builder()}'s defaults).
     *
     * @param events the events file's reader
     * @return this builder
     */
    public Builder events(EventCsvReader events) {
      this.events = Objects.requireNonNull(events, "events");
      return this;
    }

    /**
     * The reader.
     *
     * @return the reader
     * @throws IllegalArgumentException if a column has two roles (id, label, created-at, number,
     *     boolean, or a mapped role column), or, with {@code onlyMapped}, a number or boolean
     *     column is not mapped
     */
    public LeadCsvReader build() {
      Map<String, String> roles = new LinkedHashMap<>();
      if (idColumn != null) {
        role(roles, idColumn, "id column");
      }
      if (labelColumn != null) {
        role(roles, labelColumn, "label column");
      }
      if (createdAtColumn != null) {
        role(roles, createdAtColumn, "created-at column");
      }
      for (String c : roles.keySet()) {
        if (mapping.containsKey(c)) {
          throw new IllegalArgumentException("column '" + c + "' is the " + roles.get(c) + " and cannot also be mapped to an attribute");
        }
      }
      for (String c : numberColumns) {
        role(roles, c, "number column");
      }
      for (String c : booleanColumns) {
        role(roles, c, "boolean column");
      }
      if (onlyMapped) {
        for (String c : roles.keySet()) {
          if ((numberColumns.contains(c) || booleanColumns.contains(c)) && !mapping.containsKey(c)) {
            throw new IllegalArgumentException("'" + c + "' is a " + roles.get(c) + " but onlyMapped is set and it is not mapped");
          }
        }
      }
      return new LeadCsvReader(this);
    }

    private static void role(Map<String, String> roles, String column, String role) {
      String before = roles.putIfAbsent(column, role);
      if (before != null) {
        throw new IllegalArgumentException("column '" + column + "' cannot be both the " + before + " and a " + role);
      }
    }
  }
}
