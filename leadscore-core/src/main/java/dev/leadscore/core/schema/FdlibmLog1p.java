package dev.leadscore.core.schema;

/**
 * A pure-Java {@code log1p} that returns exactly the bits of {@link StrictMath#log1p(double)} for
 * every input whose result is not NaN (NaN results are NaN; which NaN, JDKs differ on).
 *
 * <p>Extraction takes {@code log1p} of decayed event counts and of clipped numeric values, once or
 * more per lead. On JDK 17 {@link Math#log1p(double)} delegates to the native {@code
 * StrictMath.log1p}, a JNI call costing about 11 ns. This class is a port of the routine behind
 * that native method (fdlibm 5.3, {@code s_log1p.c}), so it gives the same answer bit for bit for
 * every double without crossing into native code. Java 17 double arithmetic is strict IEEE 754, so
 * performing the same operations in the same order reproduces the C results exactly.
 *
 * <p>Algorithm: write {@code 1 + x = 2^k * (1 + f)} with {@code sqrt(2)/2 < 1 + f < sqrt(2)},
 * carrying a correction term {@code c} for the rounding of {@code 1 + x}; then
 * {@code log1p(x) = k*ln2 + log(1 + f) + c/(1 + f)}, where {@code log(1 + f) = 2s + s*R(s*s)},
 * {@code s = f/(2 + f)}, {@code R} a degree-7 minimax polynomial (a two-term series instead when
 * {@code |f| < 2^-20}).
 *
 * <p>Cost: one division (plus a second one for the correction term when {@code k != 0}), a fixed
 * handful of multiplications, no allocation. Stateless and thread-safe.
 *
 * <p>Derived from fdlibm 5.3, whose notice follows: Copyright (C) 1993 by Sun Microsystems, Inc.
 * All rights reserved. Developed at SunPro, a Sun Microsystems, Inc. business. Permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved.
 */
final class FdlibmLog1p {
  // ln2 split so that k * LN2_HI is exact for every reachable k; LN2_LO carries the rest.
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;

  // Minimax fit of R(z) ~ (log(1+f) - 2s) / s in z = s*s on the reduced range. They sit near the
  // Taylor values 2/3, 2/5, 2/7, ... but only these exact values reproduce fdlibm's bits.
  private static final double LP1 = 6.666666666666735130e-01;
  private static final double LP2 = 3.999999999940941908e-01;
  private static final double LP3 = 2.857142874366239149e-01;
  private static final double LP4 = 2.222219843214978396e-01;
  private static final double LP5 = 1.818357216161805012e-01;
  private static final double LP6 = 1.531383769920937332e-01;
  private static final double LP7 = 1.479819860511658591e-01;

  private FdlibmLog1p() {}

  /** {@code log(1 + x)}, bit-identical to {@link StrictMath#log1p(double)} unless NaN. */
  static double log1p(double x) {
    int hx = highWord(x);
    int ax = hx & 0x7fffffff;

    int k = 1;
    double f = 0.0;
    int hu = 0;
    if (hx < 0x3fda827a) {
      // Negative (sign bit makes hx < 0) or below about 0.41422.
      if (ax >= 0x3ff00000) {
        // x <= -1 or a negative NaN; the NaN case must flow through arithmetic like the C code.
        if (x == -1.0) {
          return Double.NEGATIVE_INFINITY; // fdlibm's -two54/0.0
        }
        return (x - x) / (x - x);
      }
      if (ax < 0x3e200000) {
        // |x| < 2^-29: the series beyond x - x^2/2 is below half an ulp. The C code's inexact-flag
        // test (two54 + x > 0) is always true here, so only the 2^-54 cut remains.
        if (ax < 0x3c900000) {
          return x; // keeps the sign of -0.0 and is exact to the last bit below 2^-54
        }
        return x - x * x * 0.5;
      }
      // About -0.29289 < x < 0.41422: 1 + x already lies in [sqrt(2)/2, sqrt(2)), so no
      // reduction. (Signed compare: for negative hx this means |x| <= 0x3fd2bec3.)
      if (hx > 0 || hx <= 0xbfd2bec3) {
        k = 0;
        f = x;
        hu = 1; // any non-zero value: keeps the tiny-f shortcut below off
      }
    }
    if (hx >= 0x7ff00000) {
      return x + x; // +infinity or a positive NaN
    }

    double c = 0.0;
    if (k != 0) {
      double u;
      if (hx < 0x43400000) {
        u = 1.0 + x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        // 1 + x was rounded; recover what was lost, computed in the order that is exact.
        c = (k > 0) ? 1.0 - (u - x) : x - (u - 1.0);
        c /= u;
      } else {
        // x >= 2^53: 1 + x == x, nothing is lost.
        u = x;
        hu = highWord(u);
        k = (hu >> 20) - 1023;
        c = 0.0;
      }
      hu &= 0x000fffff;
      if (hu < 0x6a09e) {
        // Mantissa below sqrt(2): scale u into [1, sqrt(2)).
        u = withHighWord(u, hu | 0x3ff00000);
      } else {
        // Mantissa at or above sqrt(2): scale u into [sqrt(2)/2, 1) and bump the exponent.
        k += 1;
        u = withHighWord(u, hu | 0x3fe00000);
        hu = (0x00100000 - hu) >> 2;
      }
      f = u - 1.0;
    }

    double hfsq = 0.5 * f * f;
    if (hu == 0) {
      // The top 20 mantissa bits of u are zero, so |f| < 2^-20: a two-term series is enough.
      if (f == 0.0) {
        if (k == 0) {
          return 0.0;
        }
        c += k * LN2_LO;
        return k * LN2_HI + c;
      }
      double r = hfsq * (1.0 - 0.66666666666666666 * f);
      if (k == 0) {
        return f - r;
      }
      return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
    }

    double s = f / (2.0 + f);
    double z = s * s;
    double r = z * (LP1 + z * (LP2 + z * (LP3 + z * (LP4 + z * (LP5 + z * (LP6 + z * LP7))))));
    if (k == 0) {
      return f - (hfsq - s * (hfsq + r));
    }
    return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
  }

  private static int highWord(double d) {
    return (int) (Double.doubleToRawLongBits(d) >>> 32);
  }

  // Replaces the sign/exponent/top-mantissa word and keeps the low 32 mantissa bits, as the C
  // code's assignment to the high word of a double does.
  private static double withHighWord(double d, int high) {
    long low = Double.doubleToRawLongBits(d) & 0xffffffffL;
    return Double.longBitsToDouble(((long) high << 32) | low);
  }
}
