package dev.slimimage.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code slim.*} user properties the plugin reads, taken from its own descriptor (the plugin.xml that
 * maven-plugin-plugin writes from the {@code @Parameter} annotations), so that the list cannot go stale; and the
 * warning for a given property that none of them is, since Maven silently ignores it.
 */
final class PluginProperties {

    static final String DESCRIPTOR = "META-INF/maven/plugin.xml";
    static final String PREFIX = "slim.";
    private static final String GOAL_PREFIX = "slim";
    private static final Pattern PROPERTY_EXPRESSION = Pattern.compile("\\$\\{(" + Pattern.quote(PREFIX) + "[^}]+)}");

    private final Set<String> known;

    PluginProperties(Collection<String> known) {
        this.known = Collections.unmodifiableSet(new TreeSet<>(known));
    }

    Set<String> known() {
        return known;
    }

    /**
     * The properties of this plugin's descriptor, found on {@code loader} (the plugin realm: its own jar), plus
     * {@code readDirectly}, those the code reads without a parameter.
     *
     * @throws IOException when the descriptor is missing or unreadable (a broken plugin jar)
     */
    static PluginProperties ofDescriptor(ClassLoader loader, Collection<String> readDirectly) throws IOException {
        Enumeration<URL> descriptors = loader.getResources(DESCRIPTOR);
        while (descriptors.hasMoreElements()) {
            try (InputStream in = descriptors.nextElement().openStream()) {
                Optional<Set<String>> properties = read(in);
                if (properties.isPresent()) {
                    Set<String> all = new TreeSet<>(properties.get());
                    all.addAll(readDirectly);
                    return new PluginProperties(all);
                }
            }
        }
        throw new IOException("no " + DESCRIPTOR + " with goal prefix " + GOAL_PREFIX + " on the plugin's class path");
    }

    /** The {@code ${slim.…}} expressions of every mojo's configuration; empty when the descriptor is another plugin's. */
    static Optional<Set<String>> read(InputStream descriptor) throws IOException {
        Document document = parse(descriptor);
        Element root = document.getDocumentElement();
        if (!GOAL_PREFIX.equals(childText(root, "goalPrefix"))) {
            return Optional.empty();
        }
        Set<String> properties = new TreeSet<>();
        NodeList configurations = root.getElementsByTagName("configuration");
        for (int i = 0; i < configurations.getLength(); i++) {
            NodeList parameters = configurations.item(i).getChildNodes();
            for (int j = 0; j < parameters.getLength(); j++) {
                Matcher m = PROPERTY_EXPRESSION.matcher(parameters.item(j).getTextContent().strip());
                if (parameters.item(j).getNodeType() == Node.ELEMENT_NODE && m.matches()) {
                    properties.add(m.group(1));
                }
            }
        }
        return Optional.of(properties);
    }

    private static Document parse(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newDocumentBuilder().parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("the plugin descriptor cannot be parsed: " + e.getMessage(), e);
        }
    }

    private static String childText(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) {
                return n.getTextContent().strip();
            }
        }
        return null;
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
