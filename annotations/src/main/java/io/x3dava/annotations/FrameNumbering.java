package io.x3dava.annotations;

import java.util.Locale;
import java.util.Optional;

/**
 * How the rows of a frame list name a video's frames when they are regular: row i is {@code prefix + number + suffix}
 * with number = {@code first + i}, written with {@code width} digits (0: no padding). Checking a row against it reads
 * characters only, so a list of millions of rows can be checked as it streams by; a video whose rows all follow it is
 * stored as this pattern instead of one path per frame.
 */
public record FrameNumbering(String prefix, int width, String suffix, long first) {

    /** The numbering a video's first row starts (its last run of digits is the frame number). */
    public static Optional<FrameNumbering> of(String firstPath) {
        int end = firstPath.length();
        int dot = firstPath.lastIndexOf('.');
        int slash = firstPath.lastIndexOf('/');
        int digitsEnd = dot > slash ? dot : end;
        int digitsStart = digitsEnd;
        while (digitsStart > slash + 1 && Character.isDigit(firstPath.charAt(digitsStart - 1))) {
            digitsStart--;
        }
        int n = digitsEnd - digitsStart;
        if (n == 0 || n > 18) {
            return Optional.empty();
        }
        String digits = firstPath.substring(digitsStart, digitsEnd);
        int width = n > 1 && digits.startsWith("0") ? n : 0;
        return Optional.of(new FrameNumbering(firstPath.substring(0, digitsStart), width,
                firstPath.substring(digitsEnd), Long.parseLong(digits)));
    }

    /** Whether {@code path} is the name of row {@code index}. */
    public boolean names(CharSequence path, int from, int to, long index) {
        long number = first + index;
        int len = to - from;
        int digits = Math.max(width, Long.toString(number).length());
        if (len != prefix.length() + digits + suffix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (path.charAt(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (path.charAt(to - suffix.length() + i) != suffix.charAt(i)) {
                return false;
            }
        }
        long v = number;
        for (int i = from + prefix.length() + digits - 1; i >= from + prefix.length(); i--) {
            if (path.charAt(i) != (char) ('0' + v % 10)) {
                return false;
            }
            v /= 10;
        }
        return true;
    }

    public boolean names(String path, long index) {
        return names(path, 0, path.length(), index);
    }

    /** Path of row {@code index}. */
    public String path(long index) {
        return String.format(Locale.ROOT, "%s%s%s", prefix, number(first + index), suffix);
    }

    /** The folder part (before the last '/'), or "" when the rows are bare file names. */
    public String folder() {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? "" : prefix.substring(0, slash);
    }

    /** The file-name pattern with one integer conversion ({@code vid_%06d.jpg}), '%' in names escaped. */
    public String filePattern() {
        int slash = prefix.lastIndexOf('/');
        return prefix.substring(slash + 1).replace("%", "%%") + (width > 0 ? "%0" + width + "d" : "%d")
                + suffix.replace("%", "%%");
    }

    private String number(long n) {
        return width > 0 ? String.format(Locale.ROOT, "%0" + width + "d", n) : Long.toString(n);
    }
}
