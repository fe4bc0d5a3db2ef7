package dev.leadscore.core.schema;

import dev.leadscore.core.internal.LevelText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Validation and normalisation shared by the feature records. */
final class Specs {
  private Specs() {}

  static String attribute(FeatureInfo info, String attribute) {
    Objects.requireNonNull(info, "info");
    if (attribute == null || attribute.isBlank()) {
      throw SchemaException.of(info.name(), "attribute must name a lead attribute, got " + (attribute == null ? "null" : "'" + attribute + "'"));
    }
    // The JVM's canonical instance: readers and generators that also use it (string constants,
    // the CSV reader's attribute names) let extraction find the attribute by reference.
    return attribute.intern();
  }

  static List<String> tokens(List<String> tokens) {
    return tokens == null ? List.of() : List.copyOf(tokens);
  }

  static List<String> eventTypes(FeatureInfo info, List<String> types) {
    Objects.requireNonNull(info, "info");
    if (types == null || types.isEmpty()) {
      throw SchemaException.of(info.name(), "eventTypes must list at least one event type");
    }
    for (String t : types) {
      if (t == null || t.isBlank()) {
        throw SchemaException.of(info.name(), "eventTypes must not contain a blank type, got " + types);
      }
    }
    if (types.stream().distinct().count() != types.size()) {
      // a repeated type would count each of its events twice
      throw SchemaException.of(info.name(), "eventTypes must not repeat a type, got " + types);
    }
    // Canonical instances, as the readers use for event types: extraction then matches a lead's
    // event type by reference.
    return types.stream().map(String::intern).toList();
  }

  /**
   * The form in which text values are compared: trimmed, lower-case (root locale), inner runs of
   * whitespace collapsed to one space. Exports disagree on all three ("Google", "google ",
   * "Interested  in MBA"), and none of them carries meaning.
   */
  static String normalise(String text) {
    return LevelText.normalise(text);
  }

  static List<String> normaliseAll(List<String> values) {
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(normalise(v));
    }
    return out;
  }

  /** Trims and collapses inner whitespace but keeps case: the form shown to people. */
  static String normaliseSpaces(String text) {
    String t = text.strip();
    int i = 0;
    while (i < t.length() && !(isRegexSpace(t.charAt(i)) && (t.charAt(i) != ' ' || isRegexSpace(t.charAt(i + 1))))) {
      i++; // a lone ' ' never ends the stripped text, so charAt(i + 1) exists
    }
    if (i == t.length()) {
      return t; // already in shape: no allocation
    }
    StringBuilder sb = new StringBuilder(t.length()).append(t, 0, i);
    boolean prevSpace = false;
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      if (isRegexSpace(c)) {
        if (!prevSpace) {
          sb.append(' ');
        }
        prevSpace = true;
      } else {
        sb.append(c);
        prevSpace = false;
      }
    }
    return sb.toString();
  }

  /** The characters of the regex class {@code \\s}: space, tab, newline, vertical tab, form feed, CR. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }
}
