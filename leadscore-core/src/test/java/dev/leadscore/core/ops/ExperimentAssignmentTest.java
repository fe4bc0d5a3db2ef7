package dev.leadscore.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Assignment of leads to arms: pinned to golden values (so a change of hash is caught), stable,
 * split as configured, monotone in the share, and independent across salts.
 */
class ExperimentAssignmentTest {
  static final String GOLDEN_SALT = "leadscore-golden-salt";
  private static final FakeScorer A = new FakeScorer("a", 1.0);
  private static final FakeScorer B = new FakeScorer("b", 1.0);

  static Experiment experiment(String salt, double share) {
    return Experiment.builder("exp").champion(A).challenger(B).salt(salt).challengerShare(share).build();
  }

  private static String id(int i) {
    return "L-" + i;
  }

  @Test
  void goldenIdsGoToTheirArms() {
    // Computed independently in Python: (int.from_bytes(sha256(salt + b"\0" + id).digest()[:8], "big") >> 11) / 2**53
    Experiment e = experiment(GOLDEN_SALT, 0.5);
    List<Arm> expected = List.of(Arm.CHAMPION, Arm.CHALLENGER, Arm.CHAMPION, Arm.CHALLENGER, Arm.CHAMPION,
        Arm.CHAMPION, Arm.CHALLENGER, Arm.CHAMPION, Arm.CHAMPION, Arm.CHAMPION);
    for (int i = 1; i <= 10; i++) {
      String id = String.format("L-%04d", i);
      assertEquals(expected.get(i - 1), e.arm(id), id);
    }
  }

  @Test
  void goldenHashValuesAreBitExact() {
    assertEquals(0.824486277756495, StableHash.unit(GOLDEN_SALT, "L-0001"));
    assertEquals(0.3780782620675176, StableHash.unit(GOLDEN_SALT, "L-0002"));
    assertEquals(0.44556002805224126, StableHash.unit(GOLDEN_SALT, "L-0007"));
    assertEquals(0.5878922471244465, StableHash.unit(GOLDEN_SALT, "L-0010"));
    assertEquals(0.10143766655995612, StableHash.unit("s", "L-1"));
    // Non-ASCII salt and id: UTF-8 bytes are hashed, not chars.
    assertEquals(0.6174041056438587, StableHash.unit("sälz", "Лид-7\uD83D\uDE00"));
  }

  @Test
  void assignmentDependsOnlyOnSaltShareAndId() {
    Experiment a = experiment("s1", 0.3);
    Experiment b = Experiment.builder("another name").champion(B).challenger(A).salt("s1").challengerShare(0.3).build();
    Experiment otherSalt = experiment("s2", 0.3);
    int differ = 0;
    for (int i = 0; i < 10_000; i++) {
      assertEquals(a.arm(id(i)), b.arm(id(i)));
      differ += a.arm(id(i)) != otherSalt.arm(id(i)) ? 1 : 0;
    }
    assertTrue(differ > 1000, "another salt must reassign many leads, reassigned " + differ);
  }

  @Test
  void splitIsCloseToTheShareOnOneHundredThousandIds() {
    int n = 100_000;
    for (double share : new double[] {0.01, 0.1, 0.5, 0.9}) {
      Experiment e = experiment("split", share);
      int challenger = 0;
      for (int i = 0; i < n; i++) {
        if (e.arm(id(i)) == Arm.CHALLENGER) {
          challenger++;
        }
      }
      double mean = n * share;
      double sd = Math.sqrt(n * share * (1 - share));
      // 5 standard deviations of Binomial(n, share): a fair hash fails this with chance < 1e-6.
      assertTrue(Math.abs(challenger - mean) <= 5 * sd, "share " + share + ": " + challenger + " of " + n);
    }
  }

  @Test
  void hashOfSequentialIdsIsUniformAcrossTenBuckets() {
    int n = 100_000;
    int[] buckets = new int[10];
    for (int i = 0; i < n; i++) {
      buckets[(int) (StableHash.unit("uniform", id(i)) * 10)]++;
    }
    double chi2 = 0;
    for (int b : buckets) {
      chi2 += (b - n / 10.0) * (b - n / 10.0) / (n / 10.0);
    }
    // χ² with 9 degrees of freedom exceeds 40 with probability about 7e-6.
    assertTrue(chi2 < 40, "chi2 = " + chi2 + " for buckets " + java.util.Arrays.toString(buckets));
  }

  @Test
  void extremeSharesSendEveryoneToOneArm() {
    Experiment none = experiment("x", 0.0);
    Experiment all = experiment("x", 1.0);
    Experiment negZero = experiment("x", -0.0);
    for (int i = 0; i < 5_000; i++) {
      assertEquals(Arm.CHAMPION, none.arm(id(i)));
      assertEquals(Arm.CHAMPION, negZero.arm(id(i)));
      assertEquals(Arm.CHALLENGER, all.arm(id(i)));
    }
    assertEquals(0.0, negZero.challengerShare());
    assertEquals(0x1.0p-53 * ((1L << 53) - 1), Math.nextDown(1.0), "u < 1 always, so share 1 is everyone");
  }

  @Test
  void raisingTheShareOnlyMovesLeadsFromChampionToChallenger() {
    Experiment low = experiment("ramp", 0.1);
    Experiment high = experiment("ramp", 0.4);
    int moved = 0;
    for (int i = 0; i < 20_000; i++) {
      if (low.arm(id(i)) == Arm.CHALLENGER) {
        assertEquals(Arm.CHALLENGER, high.arm(id(i)), id(i));
      } else if (high.arm(id(i)) == Arm.CHALLENGER) {
        moved++;
      }
    }
    assertTrue(moved > 5_000, "about 30 % of 20,000 move: " + moved);
  }

  @Test
  void differentSaltsGiveIndependentSplits() {
    int n = 100_000;
    double share = 0.5;
    Experiment a = experiment("salt-A", share);
    Experiment b = experiment("salt-B", share);
    int both = 0;
    int agree = 0;
    double sxy = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      Arm x = a.arm(id(i));
      Arm y = b.arm(id(i));
      agree += x == y ? 1 : 0;
      both += x == Arm.CHALLENGER && y == Arm.CHALLENGER ? 1 : 0;
      double u = StableHash.unit("salt-A", id(i));
      double v = StableHash.unit("salt-B", id(i));
      sx += u;
      sy += v;
      sxy += u * v;
      sxx += u * u;
      syy += v * v;
    }
    // Independent arms agree half the time and are both CHALLENGER a quarter of the time.
    assertTrue(Math.abs(agree - n / 2.0) <= 5 * Math.sqrt(n * 0.25), "agreement " + agree);
    assertTrue(Math.abs(both - n / 4.0) <= 5 * Math.sqrt(n * 0.25 * 0.75), "both challenger " + both);
    double r = (sxy - sx * sy / n) / Math.sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
    assertTrue(Math.abs(r) < 5 / Math.sqrt(n), "correlation of the two salts' hashes: " + r);
    // Salts that differ only in where the separator would be still differ.
    assertNotEquals(StableHash.unit("ab", "c"), StableHash.unit("a", "bc"));
  }

  @Test
  void builderRefusesIncompleteOrInvalidSettingsNamingThem() {
    IllegalStateException missing = assertThrows(IllegalStateException.class, () -> Experiment.builder("q3").build());
    assertEquals("experiment 'q3' cannot be built: missing champion scorer, challenger scorer, salt", missing.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.builder(" ")).getMessage()
        .contains("needs a name, got ' '"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.builder("q3").challengerShare(1.5))
        .getMessage().contains("experiment 'q3': challenger share must be in [0, 1], got 1.5"));
    assertThrows(IllegalArgumentException.class, () -> Experiment.builder("q3").challengerShare(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Experiment.builder("q3").challengerShare(-0.01));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.builder("q3").salt(""))
        .getMessage().contains("salt must not be empty"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Experiment.builder("q3").salt("a\0b"))
        .getMessage().contains("U+0000"));
    Experiment e = experiment("s", 0.5);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> e.arm(" ")).getMessage()
        .contains("a lead id is required to assign an arm, got ' '"));
    assertThrows(IllegalArgumentException.class, () -> e.arm(null));
  }

  @Test
  void accessorsReturnTheSettings() {
    Experiment e = experiment("pepper", 0.25);
    assertEquals("exp", e.name());
    assertEquals("pepper", e.salt());
    assertEquals(0.25, e.challengerShare());
    assertEquals(A, e.champion());
    assertEquals(B, e.challenger());
    assertEquals(A, e.scorer(Arm.CHAMPION));
    assertEquals(B, e.scorer(Arm.CHALLENGER));
    assertEquals(Arm.CHALLENGER, Arm.CHAMPION.other());
    assertTrue(e.toString().contains("challenger b@1 on 0.25 of leads"), e.toString());
  }
}
