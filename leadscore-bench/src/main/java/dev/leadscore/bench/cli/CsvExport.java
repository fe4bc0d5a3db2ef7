package dev.leadscore.bench.cli;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes leads as a CRM export would: a leads CSV (id, optional {@code converted} 1/0, {@code
 * created_at}, then every attribute in name order) and an event-log CSV ({@code lead_id, type,
 * at, count}), both comma-separated UTF-8 with {@code \n} line ends. Numbers are written so they
 * read back exactly, absent values as empty cells. {@code train}, {@code evaluate} and {@code
 * score} read them back with {@code --id-column id --created-at-column created_at} (and {@code
 * --label-column converted}). Stateless.
 */
public final class CsvExport {
  /** The id column. */
  public static final String ID = "id";
  /** The label column (1 converted, 0 not). */
  public static final String LABEL = "converted";
  /** The creation-time column. */
  public static final String CREATED_AT = "created_at";

  private CsvExport() {}

  /**
   * Writes both files.
   *
   * @param leads the leads
   * @param labels whether each lead converted, or null for no label column
   */
  public static void write(List<Lead> leads, boolean[] labels, Path leadsCsv, Path eventsCsv) throws IOException {
    write(leads, labels, leadsCsv, eventsCsv, ',');
  }

  /**
   * Writes both files with this column separator.
   *
   * @param leads the leads
   * @param labels whether each lead converted, or null for no label column
   * @param delimiter the separator, e.g. {@code ','}, {@code ';'} or {@code '\t'}
   */
  public static void write(List<Lead> leads, boolean[] labels, Path leadsCsv, Path eventsCsv, char delimiter)
      throws IOException {
    TreeSet<String> names = new TreeSet<>();
    for (Lead l : leads) {
      names.addAll(l.attributes().keySet());
    }
    try (Writer w = Files.newBufferedWriter(leadsCsv, StandardCharsets.UTF_8)) {
      List<String> header = new ArrayList<>();
      header.add(ID);
      if (labels != null) {
        header.add(LABEL);
      }
      header.add(CREATED_AT);
      header.addAll(names);
      w.write(Csv.line(header, delimiter));
      for (int i = 0; i < leads.size(); i++) {
        Lead l = leads.get(i);
        List<String> row = new ArrayList<>(header.size());
        row.add(l.id());
        if (labels != null) {
          row.add(labels[i] ? "1" : "0");
        }
        row.add(l.createdAt().map(Object::toString).orElse(""));
        for (String name : names) {
          row.add(cell(l.attribute(name)));
        }
        w.write(Csv.line(row, delimiter));
      }
    }
    try (Writer w = Files.newBufferedWriter(eventsCsv, StandardCharsets.UTF_8)) {
      w.write(Csv.line(List.of("lead_id", "type", "at", "count"), delimiter));
      for (Lead l : leads) {
        for (ActivityEvent e : l.events()) {
          w.write(Csv.line(List.of(l.id(), e.type(), e.at().toString(), Integer.toString(e.count())), delimiter));
        }
      }
    }
  }

  private static String cell(AttributeValue v) {
    if (v instanceof AttributeValue.Num n) {
      return n.display();
    }
    if (v instanceof AttributeValue.Text t) {
      return t.value();
    }
    if (v instanceof AttributeValue.Bool b) {
      return Boolean.toString(b.value());
    }
    return "";
  }
}
