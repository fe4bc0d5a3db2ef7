package dev.leadscore.core.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;

/** Parses timestamp cells: ISO-8601 instants, or a configured format read in a configured zone. */
final class Timestamps {
  private Timestamps() {}

  /**
   * The instant a (non-blank) cell denotes. With no format the trimmed text must be an ISO-8601
   * instant such as {@code 2026-01-01T00:00:00Z} (an offset instead of {@code Z} is accepted).
   * With a format, a parsed offset or zone wins; otherwise the date-time is read in {@code zone},
   * and a date without a time means the start of that day.
   *
   * @throws DateTimeException if the text does not parse
   */
  static Instant parse(String text, DateTimeFormatter format, ZoneId zone) {
    String s = text.strip();
    if (format == null) {
      return Instant.parse(s);
    }
    TemporalAccessor t = format.parse(s);
    if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
      return Instant.from(t);
    }
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      throw new DateTimeException("the format gives no date");
    }
    LocalTime time = t.query(TemporalQueries.localTime());
    ZoneId parsedZone = t.query(TemporalQueries.zone());
    return ZonedDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time, parsedZone == null ? zone : parsedZone).toInstant();
  }

  /** The problem text for a cell that did not parse. */
  static String problem(String text, DateTimeFormatter format, DateTimeException e) {
    return Texts.quote(text) + (format == null
        ? " is not an ISO-8601 instant such as 2026-01-01T00:00:00Z"
        : " does not match the configured timestamp format (" + e.getMessage() + ")");
  }
}
