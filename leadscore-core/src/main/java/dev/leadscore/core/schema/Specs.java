package dev.leadscore.core.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Validation and normalisation shared by the feature records. */
final class Specs {
  private Specs() {}

  static String attribute(FeatureInfo info, String attribute) {
    Objects.requireNonNull(info, "info");
    if (attribute == null || attribute.isBlank()) {
      throw SchemaException.of(info.name(), "attribute must name a lead attribute, got " + (attribute == null ? "null" : "'" + attribute + "'"));
    }
    return attribute;
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
    return List.copyOf(types);
  }

  /**
   * The form in which text values are compared: trimmed, lower-case (root locale), inner runs of
   * whitespace collapsed to one space. Exports disagree on all three ("Google", "google ",
   * "Interested  in MBA"), and none of them carries meaning.
   */
  static String normalise(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    StringBuilder sb = null;
    boolean prevSpace = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean space = Character.isWhitespace(c);
      if (space && (prevSpace || c != ' ') && sb == null) {
        sb = new StringBuilder(t.length());
        sb.append(t, 0, i);
      }
      if (sb != null) {
        if (space) {
          if (!prevSpace) {
            sb.append(' ');
          }
        } else {
          sb.append(c);
        }
      }
      prevSpace = space;
    }
    return sb == null ? t : sb.toString();
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
    return text.strip().replaceAll("\\s+", " ");
  }
}
