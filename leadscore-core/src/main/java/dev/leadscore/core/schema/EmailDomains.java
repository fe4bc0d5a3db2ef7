package dev.leadscore.core.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Classifies email addresses by their domain into an {@link EmailDomainClass}: competitor, free
 * mail, education or corporate, or unknown when the text is not a usable address.
 *
 * <p>The checks run in that order, so a competitor that also hosts free mail counts as a
 * competitor, and a university's own domain listed as a competitor counts as a competitor too.
 *
 * <p>Stateless and thread-safe; {@link #DEFAULT_FREE_MAIL} is immutable.
 */
final class EmailDomains {
  private EmailDomains() {}

  /** Lower-case default free-mail domains used when a schema does not list its own. */
  static final Set<String> DEFAULT_FREE_MAIL =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "yahoo.com",
          "yahoo.co.uk",
          "yahoo.co.in",
          "yahoo.fr",
          "ymail.com",
          "hotmail.com",
          "hotmail.co.uk",
          "outlook.com",
          "live.com",
          "msn.com",
          "aol.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "proton.me",
          "protonmail.com",
          "gmx.com",
          "gmx.de",
          "gmx.net",
          "web.de",
          "mail.com",
          "mail.ru",
          "yandex.ru",
          "yandex.com",
          "zoho.com",
          "qq.com",
          "163.com",
          "126.com",
          "rediffmail.com",
          "fastmail.com",
          "tutanota.com");

  /** Second-level labels of academic domains under a country code (ox.ac.uk, unimelb.edu.au). */
  private static final Set<String> ACADEMIC_SECOND_LEVEL = Set.of("edu", "ac");

  /**
   * Classifies one address. The address is trimmed and lower-cased; the domain is the text after
   * the last '@', without one trailing '.' (the DNS root). Anything that is not
   * {@code local@label.label} with a non-empty local part free of whitespace and a domain of
   * letters, digits and inner hyphens is {@link EmailDomainClass#UNKNOWN}.
   *
   * <p>Education is a top-level "edu" (mit.edu) or a second-level "edu" or "ac" under a two-letter
   * country code (ox.ac.uk, unimelb.edu.au, iitb.ac.in). US K-12 domains (k12.ca.us) are not
   * recognised.
   *
   * @param address the address as exported (may be null, padded, mixed case)
   * @param freeMail lower-case free-mail domains, matched exactly (a subdomain does not count)
   * @param competitors lower-case competitor domains (a subdomain of one also counts)
   * @return never null
   * @throws NullPointerException if {@code freeMail} or {@code competitors} is null
   */
  static EmailDomainClass classify(String address, Set<String> freeMail, Set<String> competitors) {
    return classify(address, freeMail, competitors, null);
  }

  private static final EmailDomainClass[] CLASSES = EmailDomainClass.values();

  /**
   * {@link #classify(String, Set, Set)} remembering each valid ASCII domain's class in
   * {@code domains} (or not, when it is null). The class of a valid domain depends on the domain
   * and the two sets only, so one memo must serve one pair of sets: a feature owns its memo.
   */
  static EmailDomainClass classify(String address, Set<String> freeMail, Set<String> competitors, TextMemo domains) {
    Objects.requireNonNull(freeMail, "freeMail");
    Objects.requireNonNull(competitors, "competitors");
    if (address == null) {
      return EmailDomainClass.UNKNOWN;
    }
    String a = address;
    int len = a.length();
    if (len > 0 && (Character.isWhitespace(a.charAt(0)) || Character.isWhitespace(a.charAt(len - 1)))) {
      a = a.strip();
      len = a.length();
    }
    // Lower-casing never adds, removes or reorders '@', and never turns a character of the local
    // part into whitespace or a control character (or back), so the raw text splits and
    // validates exactly as the lower-cased one would.
    int at = a.lastIndexOf('@');
    if (at <= 0 || !isLocalPart(a, at)) {
      return EmailDomainClass.UNKNOWN;
    }
    int start = at + 1;
    boolean upper = false;
    for (int i = start; i < len; i++) {
      char c = a.charAt(i);
      if (c >= 0x80) {
        // Outside ASCII, lower-casing may depend on context (final sigma) or change the length:
        // keep the general path, which lower-cases the whole address as before.
        return classifyGeneral(a.toLowerCase(Locale.ROOT), freeMail, competitors);
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    int end = len > start && a.charAt(len - 1) == '.' ? len - 1 : len; // one DNS-root dot
    // ASCII labels: [a-z0-9] with inner hyphens, at least two, the last with a letter.
    int labels = 1;
    int labelStart = start;
    boolean letter = false;
    for (int i = start; i <= end; i++) {
      char c = i < end ? a.charAt(i) : '.';
      if (c == '.') {
        if (i == labelStart || a.charAt(labelStart) == '-' || a.charAt(i - 1) == '-') {
          return EmailDomainClass.UNKNOWN;
        }
        if (i < end) {
          labels++;
          labelStart = i + 1;
          letter = false;
        }
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        letter = true;
      } else if (!((c >= '0' && c <= '9') || c == '-')) {
        return EmailDomainClass.UNKNOWN;
      }
    }
    if (labels < 2 || !letter) {
      return EmailDomainClass.UNKNOWN;
    }
    String domain = upper ? a.substring(start, end).toLowerCase(Locale.ROOT) : a.substring(start, end);
    if (domains == null) {
      return classifyValid(domain, labels, freeMail, competitors);
    }
    Integer known = domains.get(domain);
    return CLASSES[known != null ? known : domains.remember(domain, classifyValid(domain, labels, freeMail, competitors).ordinal())];
  }

  /** The class of a valid lower-case ASCII domain of {@code labels} labels. */
  private static EmailDomainClass classifyValid(String domain, int labels, Set<String> freeMail, Set<String> competitors) {
    if (isSelfOrSubdomainOf(domain, competitors)) {
      return EmailDomainClass.COMPETITOR;
    }
    if (freeMail.contains(domain)) {
      return EmailDomainClass.FREE_MAIL;
    }
    if (isAcademic(domain, labels)) {
      return EmailDomainClass.EDUCATION;
    }
    return EmailDomainClass.CORPORATE;
  }

  /** The former path, on the stripped and lower-cased address, for domains outside ASCII. */
  private static EmailDomainClass classifyGeneral(String a, Set<String> freeMail, Set<String> competitors) {
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

  /** {@link #isAcademic(String[])} on a valid lower-case domain of {@code n} labels. */
  private static boolean isAcademic(String domain, int n) {
    int len = domain.length();
    int lastDot = domain.lastIndexOf('.');
    if (len - lastDot - 1 == 3 && domain.startsWith("edu", lastDot + 1)) {
      return true;
    }
    if (n < 3 || len - lastDot - 1 != 2) {
      return false;
    }
    int prevDot = domain.lastIndexOf('.', lastDot - 1);
    int sl = lastDot - prevDot - 1;
    return (sl == 3 && domain.startsWith("edu", prevDot + 1)) || (sl == 2 && domain.startsWith("ac", prevDot + 1));
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
