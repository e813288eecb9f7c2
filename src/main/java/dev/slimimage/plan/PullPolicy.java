package dev.slimimage.plan;

/** When base images are pulled from a registry. */
public enum PullPolicy {
    /** Use the daemon's copy; pull only when it has none. */
    MISSING,
    /** Pull every time, to pick up a moved tag. */
    ALWAYS,
    /** Never contact a registry: air-gapped builds. */
    NEVER;

    public static PullPolicy parse(String value) throws ConfigurationException {
        for (PullPolicy policy : values()) {
            if (value != null && policy.name().equalsIgnoreCase(value.strip())) {
                return policy;
            }
        }
        throw new ConfigurationException("pull", value, "Unknown pull policy '" + value + "'", "use missing, always or never");
    }
}
