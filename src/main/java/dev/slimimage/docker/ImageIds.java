package dev.slimimage.docker;

/** The daemon names images and containers by full ({@code sha256:…}) or short hex ids; these compare and shorten them. */
public final class ImageIds {

    private ImageIds() {
    }

    /** Whether two ids, full or short, with or without {@code sha256:}, name the same object. */
    public static boolean same(String a, String b) {
        String x = bare(a);
        String y = bare(b);
        return x.startsWith(y) || y.startsWith(x);
    }

    /** The 12-character form {@code docker images} shows. */
    public static String shortId(String id) {
        String hex = bare(id);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    private static String bare(String id) {
        return id.startsWith("sha256:") ? id.substring(7) : id;
    }
}
