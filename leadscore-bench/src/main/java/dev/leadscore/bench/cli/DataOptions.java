package dev.leadscore.bench.cli;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to read a leads CSV export (and an optional event log): shared by every data command. */
public final class DataOptions {
  @Option(names = "--data", required = true, paramLabel = "CSV",
      description = "Leads CSV export: one lead per row, header on line 1 (UTF-8 unless --encoding says otherwise).")
  Path data;

  @Option(names = "--events", paramLabel = "CSV",
      description = "Optional activity-event CSV (lead id, type, timestamp[, count]) merged into the leads by id.")
  Path events;

  @Option(names = "--id-column", paramLabel = "COL",
      description = "Column holding each lead's unique id (default: 'id' when the header has it; without one, leads"
          + " are named by their data row number, 1 for the first row after the header).")
  String idColumn;

  @Option(names = "--encoding", paramLabel = "CHARSET", defaultValue = "UTF-8", converter = Converters.CharsetConverter.class,
      description = "Character set of both CSVs, e.g. UTF-8 (default), ISO-8859-1, windows-1252.")
  Charset encoding;

  @Option(names = "--lenient", description = {"Go on with a warning where the input does not fit: schema columns missing"
      + " from the header (those leads are scored as missing them), a model with event features and no --events,"
      + " bytes that are not valid in --encoding (replaced by U+FFFD). Without it each of these is an error."})
  boolean lenient;

  @Option(names = {"-d", "--delimiter"}, paramLabel = "CHAR", defaultValue = ",", converter = Converters.Delimiter.class,
      description = "Column separator of both CSVs: ',' (default), ';', '|' or tab (\\t).")
  char delimiter;

  @Option(names = "--number-columns", paramLabel = "COL", split = ",",
      description = "Columns read as numbers (a cell that is not one is a row error); comma-separated or repeated.")
  List<String> numberColumns = new ArrayList<>();

  @Option(names = "--boolean-columns", paramLabel = "COL", split = ",",
      description = "Columns read as booleans (true/false, yes/no, y/n, 1/0); comma-separated or repeated.")
  List<String> booleanColumns = new ArrayList<>();

  @Option(names = "--created-at-column", paramLabel = "COL",
      description = "Column holding when each lead was created (ISO-8601, or see --created-at-format).")
  String createdAtColumn;

  @Option(names = "--created-at-format", paramLabel = "PATTERN",
      description = "java.time pattern of --created-at-column, e.g. 'dd/MM/uuuu HH:mm' (read in --zone).")
  String createdAtFormat;

  @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
      description = "Time zone of local date-times in --created-at-format (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--events-id-column", paramLabel = "COL", defaultValue = "lead_id",
      description = "Events CSV: lead id column (default: ${DEFAULT-VALUE}).")
  String eventsIdColumn;

  @Option(names = "--events-type-column", paramLabel = "COL", defaultValue = "type",
      description = "Events CSV: event type column (default: ${DEFAULT-VALUE}).")
  String eventsTypeColumn;

  @Option(names = "--events-time-column", paramLabel = "COL", defaultValue = "at",
      description = "Events CSV: ISO-8601 timestamp column (default: ${DEFAULT-VALUE}).")
  String eventsTimeColumn;

  @Option(names = "--events-count-column", paramLabel = "COL",
      description = "Events CSV: optional count column (default: every row is one event).")
  String eventsCountColumn;

  @Option(names = "--as-of", paramLabel = "INSTANT", converter = Converters.InstantConverter.class,
      description = {"Instant features are extracted at (ISO-8601 or a date): events after it are ignored, ages are"
          + " measured back from it. Required when the schema has event features; otherwise unused."})
  Instant asOf;

  @Option(names = "--errors", paramLabel = "CSV",
      description = "Where rejected rows are listed with their line numbers (default: next to the output, *.errors.csv).")
  Path errors;
}
