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

    /**
     * Checks an image to tag (the build result): a tag names it, a digest cannot, as the daemon only knows the
     * digest once it has built the image.
     *
     * @throws ConfigurationException with the reason and the fix
     */
    public static String validate(String reference, String parameter) throws ConfigurationException {
        validateBase(reference, parameter);
        if (reference.contains("@")) {
            throw new ConfigurationException(parameter, reference, "The " + parameter + " '" + reference
                    + "' carries a digest, which an image still to be built cannot have",
                    "remove the @digest part and give it a tag instead, e.g. my-app:1.0");
        }
        return reference;
    }

    /**
     * Checks an image to start from (builderImage, runtimeImage), which may be pinned by digest.
     *
     * @throws ConfigurationException with the reason and the fix
     */
    public static String validateBase(String reference, String parameter) throws ConfigurationException {
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

    /**
     * Applies an extra tag to the repository of {@code image} (a validated image to tag, so without digest); a full
     * reference is taken as it is.
     */
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
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }
}
