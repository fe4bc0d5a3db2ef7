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
    return classify(address, new DomainSets(freeMail, competitors));
  }

  /**
   * A feature's free-mail and competitor domains, laid out so that an ASCII address's domain can be
   * looked up where it stands in the address: no substring, no lower-cased copy. Free-mail domains
   * sit in an open-addressing table keyed by {@code String.hashCode} of the lower-case domain;
   * competitors are few and are compared as suffixes. Entries match the lower-cased domain
   * exactly, as {@code Set.contains} on the lower-cased domain would (an entry with capitals never
   * matches). Immutable;
   * thread-safe.
   */
  static final class DomainSets {
    final Set<String> freeMail;
    final Set<String> competitors;
    private final String[] free;
    private final int mask;
    private final String[] rivals;

    /** @throws NullPointerException if a set is null */
    DomainSets(Set<String> freeMail, Set<String> competitors) {
      this.freeMail = Objects.requireNonNull(freeMail, "freeMail");
      this.competitors = Objects.requireNonNull(competitors, "competitors");
      int cap = Integer.highestOneBit(Math.max(1, freeMail.size()) * 2 - 1) << 1;
      this.free = new String[cap];
      this.mask = cap - 1;
      for (String d : freeMail) {
        int i = d.hashCode() & mask;
        while (free[i] != null) {
          i = (i + 1) & mask;
        }
        free[i] = d;
      }
      this.rivals = competitors.toArray(new String[0]);
    }

    /**
     * Whether the lower-cased {@code a[start, end)} is a free-mail domain.
     *
     * @param h {@code String.hashCode} of the lower-cased {@code a[start, end)}
     */
    boolean isFreeMail(String a, int start, int end, int h) {
      for (int i = h & mask; free[i] != null; i = (i + 1) & mask) {
        if (free[i].hashCode() == h && lowerEquals(a, start, end, free[i])) {
          return true;
        }
      }
      return false;
    }

    /**
     * Whether the lower-cased {@code a[start, end)} (valid labels) is a competitor domain or a
     * subdomain of one: some competitor equals the whole domain or the part after one of its dots.
     */
    boolean isCompetitor(String a, int start, int end) {
      for (String c : rivals) {
        int from = end - c.length();
        if (from >= start && (from == start || a.charAt(from - 1) == '.') && lowerEquals(a, from, end, c)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Whether the ASCII-lower-cased {@code a[start, end)} equals {@code s}. */
  private static boolean lowerEquals(String a, int start, int end, String s) {
    if (end - start != s.length()) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (TextKeys.lower(a.charAt(i)) != s.charAt(i - start)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #classify(String, Set, Set)} with the sets prepared once: allocation-free for ASCII
   * domains (the general path for other domains allocates).
   */
  static EmailDomainClass classify(String address, DomainSets sets) {
    if (address == null) {
      return EmailDomainClass.UNKNOWN;
    }
    String a = address;
    int len = a.length();
    if (len > 0 && (TextKeys.isWhitespace(a.charAt(0)) || TextKeys.isWhitespace(a.charAt(len - 1)))) {
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
    int end = len > start && a.charAt(len - 1) == '.' ? len - 1 : len; // one DNS-root dot
    // ASCII labels: [a-z0-9] with inner hyphens, at least two, the last with a letter. One pass
    // validates them and hashes the lower-cased domain for the free-mail table.
    int labels = 1;
    int labelStart = start;
    boolean letter = false;
    int hash = 0;
    for (int i = start; i <= end; i++) {
      char c = i < end ? a.charAt(i) : '.';
      if (c >= 0x80) {
        // Outside ASCII, lower-casing may depend on context (final sigma) or change the length:
        // keep the general path, which lower-cases the whole address. Returning UNKNOWN below
        // before reaching such a character is what that path answers too: lower-casing keeps
        // every ASCII character, so an empty label, an edge hyphen or an invalid ASCII character
        // fails its label check as well.
        return classifyGeneral(a.toLowerCase(Locale.ROOT), sets.freeMail, sets.competitors);
      }
      if (i < end) {
        hash = 31 * hash + TextKeys.lower(c);
      }
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
    if (sets.isCompetitor(a, start, end)) {
      return EmailDomainClass.COMPETITOR;
    }
    if (sets.isFreeMail(a, start, end, hash)) {
      return EmailDomainClass.FREE_MAIL;
    }
    if (isAcademic(a, end, labels)) {
      return EmailDomainClass.EDUCATION;
    }
    return EmailDomainClass.CORPORATE;
  }

  /** The general path, on the stripped and lower-cased address, for domains outside ASCII. */
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
      if (c > ' ' && c < 0x7f) {
        continue; // printable ASCII: none of the three tests below can hold
      }
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

  /** {@link #isAcademic(String[])} on a valid ASCII domain of {@code n} labels ending at {@code a[end - 1]}. */
  private static boolean isAcademic(String a, int end, int n) {
    int lastDot = a.lastIndexOf('.', end - 1);
    if (lowerEquals(a, lastDot + 1, end, "edu")) {
      return true;
    }
    if (n < 3 || end - lastDot - 1 != 2) {
      return false;
    }
    int prevDot = a.lastIndexOf('.', lastDot - 1);
    int sl = lastDot - prevDot - 1;
    return (sl == 3 && lowerEquals(a, prevDot + 1, lastDot, "edu")) || (sl == 2 && lowerEquals(a, prevDot + 1, lastDot, "ac"));
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
