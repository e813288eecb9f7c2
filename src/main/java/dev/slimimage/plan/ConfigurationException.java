package dev.slimimage.plan;

/**
 * A setting the user gave cannot be used. The message is one sentence: what is wrong, naming the parameter and
 * its value, then what to do.
 */
public class ConfigurationException extends Exception {

    private final String parameter;
    private final String value;
    private final String fix;

    /**
     * @param parameter the setting, as the user writes it (e.g. {@code ports}, {@code image (slim.image)})
     * @param value the value refused; may be null when the setting is unset
     * @param problem what is wrong, naming the parameter and the value, without a final period
     * @param fix what to do, without a final period
     */
    public ConfigurationException(String parameter, String value, String problem, String fix) {
        super(problem + ": " + fix + ".");
        this.parameter = parameter;
        this.value = value;
        this.fix = fix;
    }

    public String parameter() {
        return parameter;
    }

    public String value() {
        return value;
    }

    public String fix() {
        return fix;
    }
}
