package dev.leadscore.bench.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for the options' value types. */
final class Converters {
  private Converters() {}

  /** A one-character delimiter: {@code ,} {@code ;} {@code |}, or tab as {@code \t}, {@code tab} or a real tab. */
  static final class Delimiter implements ITypeConverter<Character> {
    @Override
    public Character convert(String value) {
      return parseDelimiter(value);
    }
  }

  static char parseDelimiter(String value) {
    if (value.equals("\\t") || value.equalsIgnoreCase("tab") || value.equals("\t")) {
      return '\t';
    }
    if (value.length() != 1) {
      throw new TypeConversionException("a delimiter is one character such as ',' ';' '|' or \\t for tab, got '"
          + value + "'");
    }
    char c = value.charAt(0);
    if (c == '"' || c == '\n' || c == '\r') {
      throw new TypeConversionException("a delimiter cannot be a quote or a line break, got '" + value + "'");
    }
    return c;
  }

  /** A character set by any of its names, e.g. {@code UTF-8}, {@code latin1}, {@code windows-1252}. */
  static final class CharsetConverter implements ITypeConverter<java.nio.charset.Charset> {
    @Override
    public java.nio.charset.Charset convert(String value) {
      try {
        return java.nio.charset.Charset.forName(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown character set '" + value + "'; for example UTF-8, ISO-8859-1,"
            + " windows-1252, UTF-16");
      }
    }
  }

  /** An ISO-8601 instant ({@code 2026-01-01T00:00:00Z}) or a date ({@code 2026-01-01}, start of day UTC). */
  static final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      return parseInstant(value);
    }
  }

  static Instant parseInstant(String value) {
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("expected an ISO-8601 instant such as 2026-01-01T00:00:00Z or a date such as"
          + " 2026-01-01, got '" + value + "'");
    }
  }

  /** A share in (0, 1). */
  static final class Share implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a share such as 0.8, got '" + value + "'");
      }
      if (!(v > 0 && v < 1)) {
        throw new TypeConversionException("a share must be strictly between 0 and 1, got " + value);
      }
      return v;
    }
  }
}
