package dev.slimimage.plan;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sizes a build must stay within; a null limit is off.
 *
 * @param maxImageBytes the most the image may hold, unpacked (the daemon's size, as {@code docker images} shows it)
 * @param maxLayerBytes the most any one layer the build adds may hold, unpacked; the base image's own layers are
 *                      left to {@code maxImageBytes}, since no setting of this build can split them
 */
public record SizeBudget(Long maxImageBytes, Long maxLayerBytes) {

    public static final SizeBudget NONE = new SizeBudget(null, null);

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    // docker images and the registries print powers of 1000; the binary units are there for those who think in them.
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1_000L), Map.entry("kb", 1_000L), Map.entry("kib", 1L << 10),
            Map.entry("m", 1_000_000L), Map.entry("mb", 1_000_000L), Map.entry("mib", 1L << 20),
            Map.entry("g", 1_000_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("gib", 1L << 30));

    public boolean isSet() {
        return maxImageBytes != null || maxLayerBytes != null;
    }

    /** Both limits as the user wrote them; blank or null leaves a limit off. */
    public static SizeBudget parse(String maxImageSize, String maxLayerSize) throws ConfigurationException {
        return new SizeBudget(parseSize("maxImageSize (slim.maxImageSize)", maxImageSize),
                parseSize("maxLayerSize (slim.maxLayerSize)", maxLayerSize));
    }

    /**
     * {@code 120MB}, {@code 120 MiB}, {@code 1.5GB}, {@code 125829120}: a number with an optional unit, case ignored.
     *
     * @return the bytes, or null for a blank value
     */
    static Long parseSize(String parameter, String value) throws ConfigurationException {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? UNITS.get(m.group(2)) : null;
        if (unit == null) {
            throw new ConfigurationException(parameter, value, parameter + " '" + value + "' is not a size",
                    "write a number with an optional unit: B, kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), "
                            + "e.g. 120MB");
        }
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new ConfigurationException(parameter, value, parameter + " '" + value + "' is not a size an image can have",
                    "give a limit above zero, e.g. 120MB");
        }
        return bytes.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
