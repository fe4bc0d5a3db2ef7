package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailDomainsTest {

  private static final Set<String> COMPETITORS = Set.of("rival.com", "othercrm.io");

  private static EmailDomainClass classify(String address) {
    return EmailDomains.classify(address, EmailDomains.DEFAULT_FREE_MAIL, COMPETITORS);
  }

  // A quoted value keeps its padding; an empty unquoted value is null.
  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          jane@acme.com                  | CORPORATE
          jane.doe+leads@acme.io         | CORPORATE
          j.smith@bigcorp.co.uk          | CORPORATE
          ops@mail.acme-widgets.de       | CORPORATE
          JANE@ACME.COM                  | CORPORATE
          "  jane@acme.com  "            | CORPORATE
          jane@acme.com.                 | CORPORATE
          someone@rival.com              | COMPETITOR
          someone@eu.rival.com           | COMPETITOR
          Someone@Sales.EU.Rival.Com     | COMPETITOR
          dev@othercrm.io                | COMPETITOR
          someone@notrival.com           | CORPORATE
          someone@rival.com.au           | CORPORATE
          a@b@rival.com                  | COMPETITOR
          jane@gmail.com                 | FREE_MAIL
          Jane.Doe@GMail.com             | FREE_MAIL
          jane@yahoo.co.uk               | FREE_MAIL
          jane@proton.me                 | FREE_MAIL
          jane@web.de                    | FREE_MAIL
          jane@163.com                   | FREE_MAIL
          jane@mail.gmail.com            | CORPORATE
          student@mit.edu                | EDUCATION
          student@cs.stanford.edu        | EDUCATION
          student@ox.ac.uk               | EDUCATION
          student@unimelb.edu.au         | EDUCATION
          student@iitb.ac.in             | EDUCATION
          jane@ac.uk                     | CORPORATE
          jane@edu.com                   | CORPORATE
                                         | UNKNOWN
          ""                             | UNKNOWN
          "   "                          | UNKNOWN
          jane                           | UNKNOWN
          jane@                          | UNKNOWN
          @acme.com                      | UNKNOWN
          jane@localhost                 | UNKNOWN
          jane@acme..com                 | UNKNOWN
          jane@.acme.com                 | UNKNOWN
          jane@acme.com..                | UNKNOWN
          jane@-acme.com                 | UNKNOWN
          jane@acme_corp.com             | UNKNOWN
          jane doe@acme.com              | UNKNOWN
          jane@acme .com                 | UNKNOWN
          Jane <jane@acme.com>           | UNKNOWN
          jane@[10.0.0.1]                | UNKNOWN
          jane@10.0.0.1                  | UNKNOWN
          """)
  void classifiesAddresses(String address, EmailDomainClass expected) {
    assertEquals(expected, classify(address));
  }

  @Test
  void competitorsWinOverFreeMailAndEducation() {
    Set<String> competitors = Set.of("gmail.com", "stanford.edu");
    assertEquals(
        EmailDomainClass.COMPETITOR,
        EmailDomains.classify("x@gmail.com", EmailDomains.DEFAULT_FREE_MAIL, competitors));
    assertEquals(
        EmailDomainClass.COMPETITOR,
        EmailDomains.classify("x@cs.stanford.edu", EmailDomains.DEFAULT_FREE_MAIL, competitors));
  }

  @Test
  void usesTheGivenListsOnly() {
    assertEquals(
        EmailDomainClass.CORPORATE, EmailDomains.classify("x@gmail.com", Set.of(), Set.of()));
    assertEquals(
        EmailDomainClass.FREE_MAIL,
        EmailDomains.classify("x@example.org", Set.of("example.org"), Set.of()));
  }

  @Test
  void defaultFreeMailIsLowerCaseAndImmutable() {
    assertTrue(EmailDomains.DEFAULT_FREE_MAIL.size() >= 25);
    for (String d : EmailDomains.DEFAULT_FREE_MAIL) {
      assertEquals(d.toLowerCase(Locale.ROOT), d);
      assertEquals(EmailDomainClass.FREE_MAIL, classify("someone@" + d), d);
    }
    assertThrows(
        UnsupportedOperationException.class, () -> EmailDomains.DEFAULT_FREE_MAIL.add("x.com"));
  }

  @Test
  void rejectsNullLists() {
    assertThrows(
        NullPointerException.class, () -> EmailDomains.classify("x@a.com", null, Set.of()));
    assertThrows(
        NullPointerException.class, () -> EmailDomains.classify("x@a.com", Set.of(), null));
  }

  /** ASCII letters, as a string for {@link Gen#strings}. */
  private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @Test
  void isTotal() {
    PropertyCheck.forAll(Gen.anyStrings(255), s -> assertNotNull(classify(s)));
  }

  @Test
  void isTotalOnAddressLikeText() {
    PropertyCheck.forAll(
        Gen.strings(ALPHA + "0123456789" + "@.- _", 0, 30), s -> assertNotNull(classify(s)));
  }

  @Test
  void ignoresCaseAndPadding() {
    PropertyCheck.forAll(
        addressLike(),
        s -> assertEquals(classify(s), classify(" \t" + s.toUpperCase(Locale.ROOT) + "  ")));
  }

  @Test
  void everySubdomainOfACompetitorIsACompetitor() {
    PropertyCheck.forAll(
        Gen.strings(ALPHA, 1, 10),
        Gen.strings(ALPHA, 1, 10),
        (local, sub) ->
            assertEquals(EmailDomainClass.COMPETITOR, classify(local + "@" + sub + ".rival.com")));
  }

  private static Gen<String> addressLike() {
    Gen<String> parts =
        Gen.oneOf(
            "jane", "x", "@", ".", "-", "acme", "com", "io", "co", "uk", "edu", "ac", "au",
            "gmail", "rival", "eu", "1", " ");
    return Gen.lists(parts, 0, 8).map(l -> String.join("", l));
  }
}
