package dev.slimimage.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * The {@code slim.*} user properties the plugin reads, taken from its own descriptor (the plugin.xml that
 * maven-plugin-plugin writes from the {@code @Parameter} annotations, as Maven read it), so that the list cannot go stale; and the
 * warning for a given property that none of them is, since Maven silently ignores it.
 */
final class PluginProperties {

    static final String PREFIX = "slim.";
    private static final Pattern PROPERTY_EXPRESSION = Pattern.compile("\\$\\{(" + Pattern.quote(PREFIX) + "[^}]+)}");

    private final Set<String> known;

    PluginProperties(Collection<String> known) {
        this.known = Collections.unmodifiableSet(new TreeSet<>(known));
    }

    Set<String> known() {
        return known;
    }

    /**
     * The properties of this plugin's descriptor as Maven read it (from the plugin.xml that maven-plugin-plugin wrote),
     * plus {@code readDirectly}, those the code reads without a parameter: the {@code ${slim.…}} expressions of every
     * mojo's configuration. (Parsing plugin.xml again took a tenth of a second on every build given a slim.* property.)
     */
    static PluginProperties of(PluginDescriptor descriptor, Collection<String> readDirectly) {
        Set<String> properties = new TreeSet<>(readDirectly);
        for (MojoDescriptor mojo : descriptor.getMojos()) {
            PlexusConfiguration configuration = mojo.getMojoConfiguration();
            for (PlexusConfiguration parameter : configuration == null ? new PlexusConfiguration[0] : configuration.getChildren()) {
                Matcher m = PROPERTY_EXPRESSION.matcher(String.valueOf(parameter.getValue(null)).strip());
                if (m.matches()) {
                    properties.add(m.group(1));
                }
            }
        }
        return new PluginProperties(properties);
    }

    /** One sentence for each {@code slim.*} name in {@code given} that the plugin does not read, with the nearest it does. */
    List<String> warnings(Collection<String> given) {
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(given)) {
            if (name.startsWith(PREFIX) && !known.contains(name)) {
                warnings.add("The property " + name + " is not read by slim-maven-plugin and has no effect" + nearest(name)
                        .map(n -> "; did you mean " + n + "?").orElse("."));
            }
        }
        return warnings;
    }

    Optional<String> nearest(String name) {
        return known.stream().min(Comparator.comparingInt((String k) -> distance(name.toLowerCase(java.util.Locale.ROOT),
                k.toLowerCase(java.util.Locale.ROOT))).thenComparingInt(k -> distance(name, k)));
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
