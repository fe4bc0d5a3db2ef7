package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link EmailDomains#classify} agrees with the former implementation ({@link EmailDomainsReference}). */
class EmailDomainsReferenceTest {

  private static final List<Set<String>> COMPETITOR_SETS =
      List.of(Set.of(), Set.of("rival.com", "othercrm.io"), Set.of("ac.uk", "edu", "gmail.com", "rival.com"),
          Set.of("Rival.com", "eu.rival.com", "", "com")); // capitals never match a lower-cased domain

  private static final List<Set<String>> FREE_MAIL_SETS =
      List.of(EmailDomains.DEFAULT_FREE_MAIL, Set.of(), Set.of("rival.com", "x.io", "mit.edu"), Set.of("GMail.com", "gmail.com."));

  // The prepared form a feature builds once, per pair of sets, reused by every try.
  private static final EmailDomains.DomainSets[][] PREPARED =
      new EmailDomains.DomainSets[FREE_MAIL_SETS.size()][COMPETITOR_SETS.size()];

  static {
    for (int f = 0; f < FREE_MAIL_SETS.size(); f++) {
      for (int c = 0; c < COMPETITOR_SETS.size(); c++) {
        PREPARED[f][c] = new EmailDomains.DomainSets(FREE_MAIL_SETS.get(f), COMPETITOR_SETS.get(c));
      }
    }
  }

  private static void agrees(String s) {
    for (int f = 0; f < FREE_MAIL_SETS.size(); f++) {
      for (int c = 0; c < COMPETITOR_SETS.size(); c++) {
        Set<String> free = FREE_MAIL_SETS.get(f);
        Set<String> comp = COMPETITOR_SETS.get(c);
        EmailDomainClass expected = EmailDomainsReference.classify(s, free, comp);
        assertEquals(expected, EmailDomains.classify(s, free, comp), () -> "address " + s);
        assertEquals(expected, EmailDomains.classify(s, PREPARED[f][c]), () -> "prepared sets, address " + s);
      }
    }
  }

  @Test
  void agreesOnArbitraryStrings() {
    PropertyCheck.forAll(Gen.anyStrings(255), EmailDomainsReferenceTest::agrees);
  }

  @Test
  void agreesOnAddressLikeText() {
    Gen<String> parts =
        Gen.oneOf(
            "jane", "J", "x", "@", "@", ".", ".", "-", "acme", "ACME", "com", "Com", "io", "co", "uk", "UK", "edu",
            "EDU", "ac", "Ac", "au", "gmail", "GMail", "rival", "RIVAL", "othercrm", "eu", "1", "42", " ", "\t",
            "\u00a0", "\u2003", "\u0000", "_", "+", "\u03a3", "\u03c3", "\u0130", "\u212a", "\u00c9", "\u00e9", "\u00b5",
            "\u0307", "\ud801\udc00", "\ud801", "x\u03a3", "\u03a3.", "m\u00fcnchen", "\u4e2d\u6587");
    PropertyCheck.forAll(5000, Gen.lists(parts, 0, 10).map(l -> String.join("", l)), EmailDomainsReferenceTest::agrees);
  }

  @Test
  void agreesOnAddressLikeCharacters() {
    PropertyCheck.forAll(
        5000,
        Gen.strings("abcXYZ019@.-_ \t\u03a3\u0130\u212a\u00e9", 0, 24),
        EmailDomainsReferenceTest::agrees);
  }

  @Test
  void agreesOnTheFixedTable() {
    for (String s :
        List.of(
            "jane@acme.com", "JANE@ACME.COM", "  jane@acme.com  ", "jane@acme.com.", "a@b@rival.com",
            "Someone@Sales.EU.Rival.Com", "student@ox.ac.uk", "student@unimelb.edu.au", "jane@ac.uk", "jane@edu.com",
            "x@edu", "x@a.edu", "x@a.edu.", "x@a.ac.u", "x@a.ac.uk1", "", "   ", "jane", "jane@", "@acme.com",
            "jane@.", "jane@..", "jane@acme..com", "jane@-acme.com", "jane@acme-.com", "jane@10.0.0.1",
            "jane@a.b-c.d", "\u0130@acme.com", "\u0130\u0130x@GMAIL.COM", "x@\u03a3\u03a3.com", "x@\u212aacme.com",
            "x@m\u00fcnchen.de", "x@acme.\u0440\u0444",
            // An ASCII label that fails before a later non-ASCII character: the one-pass scan
            // answers UNKNOWN early, where the general path would lower-case and fail the label.
            "x@a..\u00e9", "x@-a.\u00e9", "x@a_b.\u00e9", "x@a-.m\u00fcnchen", "x@.m\u00fcnchen.de",
            "x@gmail.com\u00e9", "x@m\u00fcnchen.de.", "x@\u00e9")) {
      agrees(s);
    }
    agrees(null);
  }
}
