package dev.slimimage.analysis;

/** The jar layouts the plugin knows how to lay out in an image. */
public enum AppLayout {
    PLAIN_JAR("plain jar with Maven-resolved dependencies"),
    SPRING_BOOT("Spring Boot executable jar"),
    SHADED_JAR("shaded (uber) jar"),
    QUARKUS_FAST_JAR("Quarkus fast-jar (target/quarkus-app)"),
    QUARKUS_UBER_JAR("Quarkus uber-jar"),
    WAR("web application archive (WAR) on a servlet container");

    private final String description;

    AppLayout(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
