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
      Instant fast = utcSeconds(s);
      return fast != null ? fast : Instant.parse(s);
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

  /**
   * The common shape {@code uuuu-MM-ddTHH:mm:ssZ} read without the general parser (exports repeat
   * it millions of times and {@code Instant.parse} dominated reading an event log), or null for
   * anything else, including impossible dates and leap seconds, which the general parser judges.
   */
  static Instant utcSeconds(String s) {
    if (s.length() != 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || s.charAt(19) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > java.time.Month.of(month).length(java.time.Year.isLeap(year)) || hour < 0
        || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    return Instant.ofEpochSecond(epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second);
  }

  /** Days since 1970-01-01 of a valid proleptic Gregorian date (as {@code LocalDate.toEpochDay}). */
  static long epochDay(int year, int month, int day) {
    // days from civil (H. Hinnant): years start in March, so the leap day ends a year
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  /** The decimal number in {@code s[from, from + n)}, or -1 if a character is not a digit. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The problem text for a cell that did not parse. */
  static String problem(String text, DateTimeFormatter format, DateTimeException e) {
    return Texts.quote(text) + (format == null
        ? " is not an ISO-8601 instant such as 2026-01-01T00:00:00Z"
        : " does not match the configured timestamp format (" + e.getMessage() + ")");
  }
}
