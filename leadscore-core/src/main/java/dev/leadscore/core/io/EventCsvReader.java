package dev.leadscore.core.io;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.RowError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads an activity log in CSV, one event per row: the lead's id, the event type, when it
 * happened and optionally how many times, e.g.
 *
 * <pre>
 * lead_id,type,at,count
 * L1,pricing_page_visit,2025-12-30T10:00:00Z,2
 * </pre>
 *
 * <p>Column names are configured with {@link #builder()} (defaults {@code lead_id}, {@code type},
 * {@code at}, and no count column, meaning every row is one event). Timestamps are ISO-8601
 * instants unless a {@link DateTimeFormatter} and the {@link ZoneId} its local times are in are
 * given. Other columns are ignored. Lead ids and types are taken exactly as written; a blank
 * count cell means 1.
 *
 * <p>{@link LeadCsvReader#readWithEvents} uses one of these to attach events to the leads of a
 * leads file; {@link #read} streams the events on their own. A row with the wrong number of
 * columns, a blank lead id or type, a timestamp that does not parse, or a count that is not a
 * whole number {@code >= 0} is reported as a {@link RowError} whose {@code row} is the 1-based
 * line the row starts on (header = line 1), and reading goes on.
 *
 * <p>Immutable and safe to share between threads; each read uses its own parser.
 */
public final class EventCsvReader {
  private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");

  private final String leadIdColumn;
  private final String typeColumn;
  private final String timestampColumn;
  private final DateTimeFormatter format;
  private final ZoneId zone;
  private final String countColumn;
  private final char delimiter;

  private EventCsvReader(Builder b) {
    this.leadIdColumn = b.leadIdColumn;
    this.typeColumn = b.typeColumn;
    this.timestampColumn = b.timestampColumn;
    this.format = b.format;
    this.zone = b.zone;
    this.countColumn = b.countColumn;
    this.delimiter = b.delimiter;
  }

  /** {@return a builder with the defaults: columns {@code lead_id}, {@code type}, {@code at}, no count column, ISO-8601 instants, comma-separated} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Streams the events: each good row goes to {@code onEvent} with its lead id, each bad one to
   * {@code onError}.
   *
   * @param csv the events CSV, header first
   * @param onEvent receives each good event with its lead id
   * @param onError receives each bad row as it is met
   * @return the number of data rows read, good or bad
   * @throws IllegalArgumentException if the header lacks a configured column or repeats a name
   * @throws UncheckedIOException if reading fails
   */
  public long read(Reader csv, BiConsumer<String, ActivityEvent> onEvent, Consumer<RowError> onError) {
    Objects.requireNonNull(onEvent, "onEvent");
    return read(csv, "line ", (line, id, event) -> onEvent.accept(id, event), onError);
  }

  /** Receives one good event row. */
  interface Sink {
    void accept(long line, String leadId, ActivityEvent event);
  }

  /** Streams the events; {@code source} starts each error message, followed by the line number. */
  long read(Reader csv, String source, Sink onEvent, Consumer<RowError> onError) {
    Objects.requireNonNull(onEvent, "onEvent");
    Cursor in = cursor(csv, source, onError);
    for (Cursor.Item e = in.next(); e != null; e = in.next()) {
      onEvent.accept(e.line(), e.leadId(), e.event());
    }
    return in.rows();
  }

  /** A pull reader of the events: the header is read at once, rows on each {@link Cursor#next}. */
  Cursor cursor(Reader csv, String source, Consumer<RowError> onError) {
    Objects.requireNonNull(csv, "csv");
    Objects.requireNonNull(onError, "onError");
    return new Cursor(csv, source, onError);
  }

  /** Good events one at a time; bad rows go to the error consumer on the way. Not thread-safe. */
  final class Cursor {
    /** One good event row. */
    record Item(long line, String leadId, ActivityEvent event) {}

    private final CsvRows in;
    private final String source;
    private final Consumer<RowError> onError;
    private final SharedValues shared = new SharedValues();
    private final int columns;
    private final int idAt;
    private final int typeAt;
    private final int timeAt;
    private final int countAt;
    private long rows;
    private Item item;

    private Cursor(Reader csv, String source, Consumer<RowError> onError) {
      this.in = new CsvRows(csv, delimiter);
      this.source = source;
      this.onError = onError;
      try {
        List<String> header = CsvRows.header(in, "events CSV", leadIdColumn);
        columns = header.size();
        idAt = CsvRows.require(header, leadIdColumn, "lead id column", "events CSV");
        typeAt = CsvRows.require(header, typeColumn, "event type column", "events CSV");
        timeAt = CsvRows.require(header, timestampColumn, "timestamp column", "events CSV");
        countAt = countColumn == null ? -1 : CsvRows.require(header, countColumn, "count column", "events CSV");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The next good event, or null at the end of the file. */
    Item next() {
      try {
        for (CsvRows.Row row = in.next(); row != null; row = in.next()) {
          rows++;
          item = null;
          RowError e = event(row, columns, idAt, typeAt, timeAt, countAt, source, shared,
              (line, id, event) -> item = new Item(line, id, event));
          if (e != null) {
            onError.accept(e);
          } else {
            return item;
          }
        }
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Data rows read so far, good or bad. */
    long rows() {
      return rows;
    }
  }

  private RowError event(CsvRows.Row row, int columns, int idAt, int typeAt, int timeAt, int countAt, String source,
      SharedValues shared, Sink onEvent) {
    List<String> c = row.cells();
    long line = row.line();
    String id = idAt < c.size() && !c.get(idAt).isBlank() ? c.get(idAt) : null;
    if (row.problem() != null) {
      return CsvRows.malformed(row, source, id);
    }
    if (c.size() != columns) {
      return error(line, source, id, null, "expected " + columns + " columns as in the header, found " + c.size());
    }
    if (id == null) {
      return error(line, source, null, leadIdColumn, "the lead id is blank");
    }
    String type = c.get(typeAt);
    if (type.isBlank()) {
      return error(line, source, id, typeColumn, "the event type is blank");
    }
    String time = c.get(timeAt);
    if (time.isBlank()) {
      return error(line, source, id, timestampColumn, "the event '" + type + "' has no timestamp");
    }
    Instant at;
    try {
      at = Timestamps.parse(time, format, zone);
    } catch (DateTimeException e) {
      return error(line, source, id, timestampColumn, Timestamps.problem(time, format, e));
    }
    int count = 1;
    if (countAt >= 0 && !c.get(countAt).isBlank()) {
      String raw = c.get(countAt).strip();
      if (!WHOLE.matcher(raw).matches()) {
        return error(line, source, id, countColumn, "count must be a whole number >= 0, got " + Texts.quote(c.get(countAt)));
      }
      long value;
      try {
        value = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        value = raw.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
      }
      if (value < 0) {
        return error(line, source, id, countColumn, "count must be >= 0, got " + Texts.cut(raw));
      }
      if (value > Integer.MAX_VALUE) {
        return error(line, source, id, countColumn, "count is too large (at most " + Integer.MAX_VALUE + "), got " + Texts.cut(raw));
      }
      count = (int) value;
    }
    onEvent.accept(line, id, new ActivityEvent(shared.type(type), at, count));
    return null;
  }

  static RowError error(long line, String source, String leadId, String field, String problem) {
    return new RowError(line, leadId, field, source + line + ": " + Texts.leadMessage(leadId, field, problem));
  }

  /** The configured lead id column, for messages. */
  String leadIdColumn() {
    return leadIdColumn;
  }

  @Override
  public String toString() {
    return "EventCsvReader[lead id '" + leadIdColumn + "', type '" + typeColumn + "', timestamp '" + timestampColumn + "'"
        + (countColumn == null ? "" : ", count '" + countColumn + "'") + ", delimiter '" + delimiter + "']";
  }

  /**
   * Configures an {@link EventCsvReader}. Not thread-safe; {@link #build()} takes a snapshot, so
   * a builder may be changed and built again.
   */
  public static final class Builder {
    private String leadIdColumn = "lead_id";
    private String typeColumn = "type";
    private String timestampColumn = "at";
    private DateTimeFormatter format;
    private ZoneId zone;
    private String countColumn;
    private char delimiter = ',';

    private Builder() {}

    /**
     * The column holding the id of the lead the event belongs to (default {@code lead_id}).
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder leadIdColumn(String column) {
      this.leadIdColumn = name(column, "lead id column");
      return this;
    }

    /**
     * The column holding the event type (default {@code type}).
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder typeColumn(String column) {
      this.typeColumn = name(column, "type column");
      return this;
    }

    /**
     * The column holding the timestamp, as an ISO-8601 instant (default column {@code at}).
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder timestampColumn(String column) {
      this.timestampColumn = name(column, "timestamp column");
      this.format = null;
      this.zone = null;
      return this;
    }

    /**
     * The column holding the timestamp, in {@code format}; date-times without an offset or zone
     * are read in {@code zone}, dates without a time mean the start of the day. The formatter is
     * used as given; make it {@code withResolverStyle(ResolverStyle.STRICT)} to refuse impossible
     * dates such as 31 February rather than have them adjusted.
     *
     * @param column the column's name as in the header
     * @param format how the column's timestamps are written
     * @param zone the zone of timestamps that carry no offset or zone
     * @return this builder
     */
    public Builder timestampColumn(String column, DateTimeFormatter format, ZoneId zone) {
      this.timestampColumn = name(column, "timestamp column");
      this.format = Objects.requireNonNull(format, "format");
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * The column holding how many times the event happened (default: none, every row counts 1).
     *
     * @param column the column's name as in the header
     * @return this builder
     */
    public Builder countColumn(String column) {
      this.countColumn = name(column, "count column");
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
     * The reader.
     *
     * @return the reader
     * @throws IllegalArgumentException if two roles name the same column
     */
    public EventCsvReader build() {
      List<String> columns = countColumn == null
          ? List.of(leadIdColumn, typeColumn, timestampColumn)
          : List.of(leadIdColumn, typeColumn, timestampColumn, countColumn);
      if (columns.stream().distinct().count() != columns.size()) {
        throw new IllegalArgumentException("the lead id, type, timestamp and count columns must be different, got " + columns);
      }
      return new EventCsvReader(this);
    }

    static String name(String column, String role) {
      Objects.requireNonNull(column, role);
      if (column.isBlank()) {
        throw new IllegalArgumentException("the " + role + " name must not be blank");
      }
      return column;
    }
  }
}
