package dev.leadscore.bench.report;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Orders labelled leads by a column for the back-test: by number, instant or date, or text,
 * whichever every present value is, ties in input order. Stateless.
 */
final class LeadOrder {
  private LeadOrder() {}

  /**
   * The leads in ascending order of the column (numbers if every present value is one, else
   * ISO-8601 instants or dates if every one is, else text), ties in input order; leads without a
   * value are left out and named in {@code skipped}. A null column orders by creation time.
   */
  static List<LabelledLead> ordered(List<LabelledLead> leads, String column, List<String> skipped) {
    return ordered(leads, column, false, skipped);
  }

  /** As {@link #ordered(List, String, List)}, or by lead id when {@code byId}. */
  static List<LabelledLead> ordered(List<LabelledLead> leads, String column, boolean byId, List<String> skipped) {
    List<LabelledLead> present = new ArrayList<>();
    List<String> raw = new ArrayList<>();
    for (LabelledLead l : leads) {
      String v;
      if (byId) {
        v = l.lead().id().strip();
      } else if (column == null) {
        v = l.lead().createdAt().map(Instant::toString).orElse(null);
      } else {
        AttributeValue a = l.lead().attribute(column);
        v = a instanceof AttributeValue.Num num ? Double.toString(num.value())
            : a instanceof AttributeValue.Text t && !t.value().isBlank() ? t.value().strip()
            : a instanceof AttributeValue.Bool b ? Boolean.toString(b.value()) : null;
      }
      if (v == null) {
        skipped.add(l.lead().id());
      } else {
        present.add(l);
        raw.add(v);
      }
    }
    int m = present.size();
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    double[] numbers = numbers(raw);
    Instant[] instants = numbers == null ? instants(raw) : null;
    Comparator<Integer> cmp = numbers != null ? Comparator.comparingDouble(i -> numbers[i])
        : instants != null ? Comparator.comparing(i -> instants[i]) : Comparator.comparing(raw::get);
    java.util.Arrays.sort(order, cmp); // stable: ties keep input order
    List<LabelledLead> out = new ArrayList<>(m);
    for (int i : order) {
      out.add(present.get(i));
    }
    return out;
  }

  private static double[] numbers(List<String> raw) {
    double[] v = new double[raw.size()];
    for (int i = 0; i < v.length; i++) {
      try {
        v[i] = Double.parseDouble(raw.get(i));
      } catch (NumberFormatException e) {
        return null;
      }
      if (!Double.isFinite(v[i])) {
        return null;
      }
    }
    return v;
  }

  private static Instant[] instants(List<String> raw) {
    Instant[] v = new Instant[raw.size()];
    for (int i = 0; i < v.length; i++) {
      String s = raw.get(i);
      try {
        v[i] = s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
            : Instant.parse(s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return v;
  }
}
