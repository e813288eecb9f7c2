package dev.slimimage.plugin;

import dev.slimimage.plan.CommandLineWords;
import dev.slimimage.plan.ConfigurationException;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A list parameter that users also write as one line, like {@code JAVA_OPTS}: Maven turns a property value (or a
 * POM text without list elements) into a list by splitting on commas, which breaks {@code -Dlist=a,b} and cannot
 * keep a quoted {@code 'a b.json'} together. This reads the text Maven split and splits it into words instead;
 * list elements written in the POM ({@code <args><arg>…</arg></args>}) are taken as they are.
 */
final class PropertyWords {

    private PropertyWords() {
    }

    /**
     * @param asInjected the list Maven injected, used when there is no execution to read (a mojo built by a test)
     * @param parameter the parameter's name, e.g. {@code args}
     * @param property the user property, e.g. {@code slim.args}, for the error
     */
    static List<String> of(List<String> asInjected, MavenSession session, MojoExecution execution, String parameter, String property)
            throws ConfigurationException {
        Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
        Xpp3Dom element = configuration == null ? null : configuration.getChild(parameter);
        if (element == null || element.getChildCount() > 0 || element.getValue() == null) {
            return asInjected;
        }
        Object text;
        try {
            text = new PluginParameterExpressionEvaluator(session, execution).evaluate(element.getValue());
        } catch (ExpressionEvaluationException e) {
            return asInjected;
        }
        return text instanceof String line
                ? CommandLineWords.split(line, parameter + " (" + property + ")")
                : asInjected;
    }
}
