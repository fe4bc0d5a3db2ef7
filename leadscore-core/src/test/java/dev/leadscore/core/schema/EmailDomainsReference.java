package dev.leadscore.core.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The reference for {@link EmailDomains#classify}: a verbatim copy of the implementation before
 * the single-scan rewrite (strip, lower-case the whole address, {@code String.split} the domain).
 * Tests compare the two on arbitrary text.
 */
final class EmailDomainsReference {
  private EmailDomainsReference() {}

  private static final Set<String> ACADEMIC_SECOND_LEVEL = Set.of("edu", "ac");

  static EmailDomainClass classify(String address, Set<String> freeMail, Set<String> competitors) {
    Objects.requireNonNull(freeMail, "freeMail");
    Objects.requireNonNull(competitors, "competitors");
    if (address == null) {
      return EmailDomainClass.UNKNOWN;
    }
    String a = address.strip().toLowerCase(Locale.ROOT);
    int at = a.lastIndexOf('@');
    if (at <= 0 || !isLocalPart(a, at)) {
      return EmailDomainClass.UNKNOWN;
    }
    String domain = a.substring(at + 1);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2 || !allValidLabels(labels)) {
      return EmailDomainClass.UNKNOWN;
    }
    if (isSelfOrSubdomainOf(domain, competitors)) {
      return EmailDomainClass.COMPETITOR;
    }
    if (freeMail.contains(domain)) {
      return EmailDomainClass.FREE_MAIL;
    }
    if (isAcademic(labels)) {
      return EmailDomainClass.EDUCATION;
    }
    return EmailDomainClass.CORPORATE;
  }

  /** The local part before {@code at} is usable if it has no whitespace or control characters. */
  private static boolean isLocalPart(String address, int at) {
    for (int i = 0; i < at; i++) {
      char c = address.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * DNS labels: non-empty, letters and digits with inner hyphens. Letters outside ASCII are
   * allowed so that internationalised domains are not rejected; a numeric top-level label is not,
   * because that is an IP address rather than an organisation's domain.
   */
  private static boolean allValidLabels(String[] labels) {
    for (String label : labels) {
      if (label.isEmpty() || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < label.length(); ) {
        int cp = label.codePointAt(i);
        if (!(Character.isLetterOrDigit(cp) || cp == '-')) {
          return false;
        }
        i += Character.charCount(cp);
      }
    }
    return labels[labels.length - 1].codePoints().anyMatch(Character::isLetter);
  }

  /** Looks up the domain and each parent of it, so that eu.rival.com matches rival.com. */
  private static boolean isSelfOrSubdomainOf(String domain, Set<String> parents) {
    if (parents.isEmpty()) {
      return false;
    }
    String d = domain;
    while (true) {
      if (parents.contains(d)) {
        return true;
      }
      int dot = d.indexOf('.');
      if (dot < 0) {
        return false;
      }
      d = d.substring(dot + 1);
    }
  }

  private static boolean isAcademic(String[] labels) {
    int n = labels.length;
    String tld = labels[n - 1];
    if (tld.equals("edu")) {
      return true;
    }
    // "ac.uk" alone is the registry, not a university, so a label must precede the second level.
    return n >= 3 && tld.length() == 2 && ACADEMIC_SECOND_LEVEL.contains(labels[n - 2]);
  }
}
