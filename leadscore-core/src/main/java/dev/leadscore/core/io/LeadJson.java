package dev.leadscore.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.RowError;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Leads as JSON: one lead is
 *
 * <pre>{@code
 * {"id":"L1","createdAt":"2026-01-01T00:00:00Z",
 *  "attributes":{"title":"VP Sales","company_size":250,"dm":true,"industry":null},
 *  "events":[{"type":"pricing_page_visit","at":"2025-12-30T10:00:00Z","count":2}]}
 * }</pre>
 *
 * <p>{@code id} is a required non-blank string. {@code createdAt} and event {@code at} are
 * ISO-8601 instants ({@link java.time.Instant#parse}); {@code createdAt}, {@code attributes} and
 * {@code events} are optional (absent or {@code null} means none). An attribute value is a string
 * ({@link AttributeValue.Text}, kept exactly), a finite number ({@link AttributeValue.Num}, in
 * whatever unit the attribute has), {@code true}/{@code false} ({@link AttributeValue.Bool}) or
 * {@code null} ({@link AttributeValue#ABSENT}); arrays and objects are refused. An event's {@code
 * count} is an optional non-negative whole number (default 1). Unknown fields, repeated fields,
 * NaN or infinite numbers and wrong types are errors naming the lead, the field, the line and the
 * column.
 *
 * <p>Reading streams with Jackson's {@code JsonParser}, one lead at a time, either from a JSON
 * array of leads or from newline-delimited JSON (one lead object per line). A lead with a data
 * problem becomes a {@link RowError} (its {@code row} being the 1-based line of the offending
 * value) and reading goes on; repeated lead ids are reported on the later lead. A syntax error
 * ends an array (the parser cannot resynchronise) but only skips its line in NDJSON; either way
 * it is reported with line and column, and the leads read before it are kept. The reader is
 * never closed by these methods; I/O failures surface as {@link UncheckedIOException}.
 *
 * <p>Writing is deterministic: fields in the order above, attributes sorted by name, events in
 * lead order, every event with its count, whole numbers below 10<sup>15</sup> without a decimal
 * point, other numbers as {@link Double#toString}; reading what was written gives an equal
 * {@link Lead}.
 *
 * <p>Stateless; all methods are safe to call from any number of threads at once.
 */
public final class LeadJson {
  private LeadJson() {}

  /**
   * Reads a single lead object; the whole text must be that one object.
   *
   * @param json one JSON lead object
   * @return the lead
   * @throws LeadDataException naming the lead, field, line and column if the lead's data is bad
   * @throws IllegalArgumentException if the text is not one well-formed JSON object
   */
  public static Lead readLead(String json) {
    return JsonLeadParser.readOne(json);
  }

  /**
   * Reads a JSON array of lead objects, collecting bad leads as errors.
   *
   * @param json a JSON array of lead objects
   * @return the good leads and one error per bad lead
   * @throws UncheckedIOException if reading fails
   */
  public static ReadResult readArray(Reader json) {
    List<Lead> leads = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    long rows = JsonLeadStream.streamArray(json, leads::add, errors::add);
    return ReadResult.unlabelled(leads, errors, Math.toIntExact(rows));
  }

  /**
   * Reads newline-delimited JSON (one lead object per line; blank lines are skipped), collecting
   * bad lines as errors.
   *
   * @param ndjson one JSON lead object per line
   * @return the good leads and one error per bad line
   * @throws UncheckedIOException if reading fails
   */
  public static ReadResult readNdjson(Reader ndjson) {
    List<Lead> leads = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    long rows = JsonLeadStream.streamNdjson(ndjson, leads::add, errors::add);
    return ReadResult.unlabelled(leads, errors, Math.toIntExact(rows));
  }

  /**
   * Streams a JSON array of leads: each good lead goes to {@code onLead} and each problem to
   * {@code onError} as soon as it is read, so memory does not grow with the input (apart from
   * the set of ids seen, used to report repeats).
   *
   * @param json a JSON array of lead objects
   * @param onLead receives each good lead as it is read
   * @param onError receives each problem as it is met
   * @return the number of array elements read, good or bad
   * @throws UncheckedIOException if reading fails
   */
  public static long streamArray(Reader json, Consumer<Lead> onLead, Consumer<RowError> onError) {
    return JsonLeadStream.streamArray(json, onLead, onError);
  }

  /**
   * Streams newline-delimited JSON like {@link #streamArray}.
   *
   * @param ndjson one JSON lead object per line
   * @param onLead receives each good lead as it is read
   * @param onError receives each problem as it is met
   * @return the number of non-blank lines read, good or bad
   * @throws UncheckedIOException if reading fails
   */
  public static long streamNdjson(Reader ndjson, Consumer<Lead> onLead, Consumer<RowError> onError) {
    return JsonLeadStream.streamNdjson(ndjson, onLead, onError);
  }

  /**
   * The lead as one line of compact JSON (no line break).
   *
   * @param lead the lead
   * @return the lead's compact JSON
   */
  public static String write(Lead lead) {
    Objects.requireNonNull(lead, "lead");
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonLeadParser.FACTORY.createGenerator(out)) {
      writeLead(g, lead);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Writes the leads as a JSON array, one lead per line. The writer is flushed, not closed.
   *
   * @param leads the leads to write
   * @param out where to write them
   * @throws UncheckedIOException if writing fails
   */
  public static void writeArray(List<Lead> leads, Writer out) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(out, "out");
    try {
      if (leads.isEmpty()) {
        out.write("[]\n");
      } else {
        out.write("[\n");
        for (int i = 0; i < leads.size(); i++) {
          out.write(write(leads.get(i)));
          out.write(i + 1 < leads.size() ? ",\n" : "\n");
        }
        out.write("]\n");
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the leads as newline-delimited JSON, one lead per line. The writer is flushed, not
   * closed.
   *
   * @param leads the leads to write
   * @param out where to write them
   * @throws UncheckedIOException if writing fails
   */
  public static void writeNdjson(List<Lead> leads, Writer out) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(out, "out");
    try {
      for (Lead lead : leads) {
        out.write(write(lead));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeLead(JsonGenerator g, Lead lead) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", lead.id());
    if (lead.createdAt().isPresent()) {
      g.writeStringField("createdAt", lead.createdAt().get().toString());
    }
    g.writeFieldName("attributes");
    g.writeStartObject();
    for (Map.Entry<String, AttributeValue> e : new TreeMap<>(lead.attributes()).entrySet()) {
      g.writeFieldName(e.getKey());
      AttributeValue v = e.getValue();
      if (v instanceof AttributeValue.Num n) {
        writeNumber(g, n.value());
      } else if (v instanceof AttributeValue.Text t) {
        g.writeString(t.value());
      } else if (v instanceof AttributeValue.Bool b) {
        g.writeBoolean(b.value());
      } else {
        g.writeNull();
      }
    }
    g.writeEndObject();
    g.writeFieldName("events");
    g.writeStartArray();
    for (ActivityEvent e : lead.events()) {
      g.writeStartObject();
      g.writeStringField("type", e.type());
      g.writeStringField("at", e.at().toString());
      g.writeNumberField("count", e.count());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeNumber(JsonGenerator g, double v) throws IOException {
    boolean negativeZero = v == 0 && Double.doubleToRawLongBits(v) != 0;
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !negativeZero) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }
}
