package dev.slimimage.plan;

import java.util.regex.Pattern;

/** Validates image references the way the Docker daemon parses them, so mistakes fail before any work. */
public final class ImageReference {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    // Like the daemon, a first component is a registry host only with a '.' or a port, or as localhost.
    private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")+(?::[0-9]+)?"
            + "|" + DOMAIN_PART + ":[0-9]+|localhost)";
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
                    + "(?::" + TAG.pattern() + ")?"
                    + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

    private ImageReference() {}

    /** @throws ConfigurationException with the reason and the fix */
    public static String validate(String reference, String parameter) throws ConfigurationException {
        if (reference == null || reference.isBlank()) {
            throw new ConfigurationException(parameter, reference, "The " + parameter + " is empty",
                    "set it to a name such as my-app:1.0");
        }
        if (!REFERENCE.matcher(reference).matches()) {
            String hint = reference.equals(reference.toLowerCase()) ? "" : " (repository names must be lowercase)";
            throw new ConfigurationException(parameter, reference, "The " + parameter + " '" + reference
                    + "' is not a valid image reference" + hint,
                    "use [registry/]name[:tag] with lowercase letters, digits and . _ - separators, e.g. my-app:1.0");
        }
        return reference;
    }

    /** Applies an extra tag to the repository of {@code image}; a full reference is taken as it is. */
    public static String withTag(String image, String tag) throws ConfigurationException {
        if (tag.contains("/") || tag.contains(":")) {
            return validate(tag, "tag");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new ConfigurationException("tags", tag, "The tag '" + tag + "' is not valid",
                    "use up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
        }
        return repository(image) + ":" + tag;
    }

    static String repository(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
