package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleParserTest {

  // Double quotes are the quote character so that titles may contain apostrophes; a quoted value
  // keeps its padding, and an empty unquoted value is null.
  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          Chief Revenue Officer                | C_LEVEL
          Chief Executive Officer              | C_LEVEL
          CEO                                  | C_LEVEL
          CTO                                  | C_LEVEL
          CFO                                  | C_LEVEL
          COO                                  | C_LEVEL
          CMO                                  | C_LEVEL
          CRO                                  | C_LEVEL
          CISO                                 | C_LEVEL
          C.E.O.                               | C_LEVEL
          Founder                              | C_LEVEL
          Co-Founder & CEO                     | C_LEVEL
          Cofounder                            | C_LEVEL
          Founder's Associate                  | INDIVIDUAL_CONTRIBUTOR
          Founding Engineer                    | INDIVIDUAL_CONTRIBUTOR
          Owner                                | C_LEVEL
          Co-Owner                             | C_LEVEL
          Owner/Operator                       | C_LEVEL
          Business Owner                       | C_LEVEL
          President                            | C_LEVEL
          President & CEO                      | C_LEVEL
          Chairman of the Board                | C_LEVEL
          Board Member                         | C_LEVEL
          C-Level Executive                    | C_LEVEL
          Managing Director                    | C_LEVEL
          Managing Partner                     | C_LEVEL
          Partner                              | C_LEVEL
          Senior Partner at Smith & Jones LLP  | C_LEVEL
          HR Business Partner                  | INDIVIDUAL_CONTRIBUTOR
          Partner Marketing Manager            | MANAGER
          Partner Manager                      | MANAGER
          VP, Sales                            | VP
          VP of Sales                          | VP
          Sales VP                             | VP
          Vice President of Marketing          | VP
          Vice-President                       | VP
          Vice Pres. Operations                | VP
          V.P. Sales                           | VP
          V P Sales                            | VP
          SVP Engineering                      | VP
          Senior Vice President, Finance       | VP
          EVP                                  | VP
          Executive Vice President             | VP
          AVP                                  | VP
          Assistant Vice President             | VP
          Sr. Director of IT                   | DIRECTOR
          Director                             | DIRECTOR
          IT Director                          | DIRECTOR
          Deputy Director                      | DIRECTOR
          Associate Director, Product          | DIRECTOR
          Assistant Director                   | DIRECTOR
          Executive Director                   | DIRECTOR
          Director of Executive Assistants     | DIRECTOR
          Head of Growth                       | DIRECTOR
          Global Head of Sales                 | DIRECTOR
          Head, Marketing                      | DIRECTOR
          Chief of Staff                       | DIRECTOR
          Chief of Staff to the CEO            | DIRECTOR
          General Manager                      | DIRECTOR
          Director, Children's Services        | DIRECTOR
          Marketing Manager                    | MANAGER
          Sr Manager                           | MANAGER
          Senior Manager, Demand Gen           | MANAGER
          Engineering Manager                  | MANAGER
          Office Manager                       | MANAGER
          Assistant Store Manager              | MANAGER
          Executive Assistant / Office Manager | MANAGER
          Team Lead                            | MANAGER
          Customer Support Team Leader         | MANAGER
          Shift Supervisor                     | MANAGER
          Sales Mgr                            | MANAGER
          Software Engineer                    | INDIVIDUAL_CONTRIBUTOR
          Principal Engineer                   | INDIVIDUAL_CONTRIBUTOR
          Staff Engineer                       | INDIVIDUAL_CONTRIBUTOR
          Tech Lead                            | INDIVIDUAL_CONTRIBUTOR
          Lead Generation Specialist           | INDIVIDUAL_CONTRIBUTOR
          Account Executive                    | INDIVIDUAL_CONTRIBUTOR
          Analyst                              | INDIVIDUAL_CONTRIBUTOR
          Intern                               | INDIVIDUAL_CONTRIBUTOR
          Student                              | INDIVIDUAL_CONTRIBUTOR
          Consultant                           | INDIVIDUAL_CONTRIBUTOR
          Compliance Officer                   | INDIVIDUAL_CONTRIBUTOR
          Sommelier                            | INDIVIDUAL_CONTRIBUTOR
          Product Owner                        | INDIVIDUAL_CONTRIBUTOR
          Senior Product Owner                 | INDIVIDUAL_CONTRIBUTOR
          Process Owner                        | INDIVIDUAL_CONTRIBUTOR
          Assistant to the CEO                 | INDIVIDUAL_CONTRIBUTOR
          Executive Assistant to the CEO & Founder | INDIVIDUAL_CONTRIBUTOR
          Assistant of the President           | INDIVIDUAL_CONTRIBUTOR
          EA to the CEO                        | INDIVIDUAL_CONTRIBUTOR
          PA to the Managing Director          | INDIVIDUAL_CONTRIBUTOR
          Executive Assistant                  | INDIVIDUAL_CONTRIBUTOR
          Director's Assistant                 | INDIVIDUAL_CONTRIBUTOR
          Managing Director\u2019s Assistant   | INDIVIDUAL_CONTRIBUTOR
          CEO's EA                             | INDIVIDUAL_CONTRIBUTOR
          CEO Assistant                        | INDIVIDUAL_CONTRIBUTOR
          Assistant to the Regional Manager    | INDIVIDUAL_CONTRIBUTOR
          Director & Company Secretary         | DIRECTOR
          Sales Manager, PA                    | MANAGER
          "  vp ,  SALES "                     | VP
          CHIEF   revenue officer.             | C_LEVEL
          Sr.Director-IT                       | DIRECTOR
          ceo                                  | C_LEVEL
          "\tHead of   Growth\t"            | DIRECTOR
                                               | UNKNOWN
          ""                                   | UNKNOWN
          "   "                                | UNKNOWN
          Select                               | UNKNOWN
          -- Select --                         | UNKNOWN
          n/a                                  | UNKNOWN
          N/A                                  | UNKNOWN
          na                                   | UNKNOWN
          none                                 | UNKNOWN
          -                                    | UNKNOWN
          unknown                              | UNKNOWN
          Other                                | UNKNOWN
          test                                 | UNKNOWN
          x                                    | UNKNOWN
          Mr.                                  | UNKNOWN
          ...                                  | UNKNOWN
          12345                                | UNKNOWN
          "#1 - ?!"                            | UNKNOWN
          """)
  void parsesRealWorldTitles(String title, Seniority expected) {
    assertEquals(expected, TitleParser.parse(title));
  }

  /** ASCII letters, as a string for {@link Gen#strings}. */
  private static final String ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @Test
  void isTotal() {
    PropertyCheck.forAll(Gen.anyStrings(255), s -> assertNotNull(TitleParser.parse(s)));
  }

  @Test
  void ignoresCaseAndSurroundingPunctuation() {
    // Restricted to ASCII: Unicode upper-casing is not always undone by lower-casing (sharp s
    // upper-cases to "SS").
    // Random letters seldom spell a title word, so real titles are mixed in; the guard below
    // makes sure the property is not only comparing UNKNOWN/IC with UNKNOWN/IC.
    Gen<String> titles = Gen.oneOf("VP, Sales", "chief revenue officer", "Sr. Director of IT", "head of growth",
        "Marketing Manager", "software engineer", "ceo", "Co-Founder & CEO", "Select", "n/a");
    int[] senior = {0};
    PropertyCheck.forAll(
        Gen.anyOf(Gen.strings(ALPHA + " ,.-", 0, 40), titles),
        s -> {
          Seniority p = TitleParser.parse(s);
          assertEquals(p, TitleParser.parse("  " + s.toUpperCase(Locale.ROOT) + ". "));
          senior[0] += p != Seniority.UNKNOWN && p != Seniority.INDIVIDUAL_CONTRIBUTOR ? 1 : 0;
        });
    assertTrue(senior[0] > 100, "too few senior titles were tried: " + senior[0]);
  }

  @Test
  void titleLikeTextIgnoresCaseSpacingAndSurroundingPunctuation() {
    PropertyCheck.forAll(
        titleLike(),
        s -> {
          Seniority expected = TitleParser.parse(s);
          assertEquals(expected, TitleParser.parse("  " + s.toUpperCase(Locale.ROOT) + ". "));
          assertEquals(expected, TitleParser.parse(s.replace(" ", "   ")));
          assertEquals(expected, TitleParser.parse("-" + s + ","));
        });
  }

  /** Random titles built from the words the parser cares about, which random letters rarely hit. */
  private static Gen<String> titleLike() {
    Gen<String> words =
        Gen.oneOf(
            "chief", "officer", "ceo", "vice", "president", "vp", "v", "p", "director",
            "managing", "head", "of", "to", "the", "for", "manager", "team", "lead", "owner",
            "product", "partner", "business", "assistant", "executive", "ea", "associate",
            "staff", "sr", "senior", "sales", "it", "n", "a", "select", "founder", "co",
            "general", "board", "member", "x");
    Gen<String> separators = Gen.oneOf(" ", ", ", ".", "-", " & ", "/", "'s ", " ");
    return Gen.lists(Gen.anyOf(words, separators), 0, 10).map(l -> String.join("", l));
  }
}
