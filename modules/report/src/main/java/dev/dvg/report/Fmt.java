package dev.dvg.report;

import java.util.Locale;

/** Number formatting for report text: fixed locale, "—" for missing values. */
final class Fmt {
    static final String NA = "—";

    private Fmt() {
    }

    static boolean ok(double v) {
        return Double.isFinite(v);
    }

    /** A fraction as a percentage with two decimals: 0.98123 → "98.12 %". */
    static String pct(double v) {
        return ok(v) ? String.format(Locale.ROOT, "%.2f %%", 100 * v) : NA;
    }

    /** A fraction as a bare percentage number (tables whose header says %). */
    static String pct2(double v) {
        return ok(v) ? String.format(Locale.ROOT, "%.2f", 100 * v) : NA;
    }

    /** A difference of fractions in percentage points, "+0.12"; "0.00" when it rounds to zero. */
    static String signedPp(double v) {
        if (!ok(v)) {
            return NA;
        }
        return Math.abs(100 * v) < 0.005 ? "0.00" : String.format(Locale.ROOT, "%+.2f", 100 * v);
    }

    static String fixed(double v, int decimals) {
        return ok(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : NA;
    }

    /** Four significant digits, scientific below 1e-3. */
    static String sig(double v) {
        if (!ok(v)) {
            return NA;
        }
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    static String sci(double v) {
        return ok(v) ? String.format(Locale.ROOT, "%.2e", v) : NA;
    }

    static String seconds(double v) {
        if (!ok(v)) {
            return NA;
        }
        return v < 10 ? String.format(Locale.ROOT, "%.2f s", v) : String.format(Locale.ROOT, "%.1f s", v);
    }

    static String count(double v) {
        return ok(v) ? String.format(Locale.ROOT, "%,.0f", v) : NA;
    }

    static String ratio(double v) {
        return ok(v) ? String.format(Locale.ROOT, v >= 10 ? "%.1f×" : "%.2f×", v) : NA;
    }

    /** A name usable in a file name and an HTML id. */
    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return x.isEmpty() ? "x" : x;
    }

    static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (ok(d)) {
                s += d;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Sample standard deviation (0 for one value). */
    static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        int n = 0;
        for (double d : v) {
            if (ok(d)) {
                s += (d - m) * (d - m);
                n++;
            }
        }
        return n <= 1 ? 0 : Math.sqrt(s / (n - 1));
    }
}
