// A Java 8 project with runtime=jlink: eclipse-temurin:8-jdk has no jlink, so the plugin links with a JDK 17 builder,
// whose runtime runs Java 8 class files, says so, and the image runs.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/jlink-java8:1'
try {
    def log = support.buildLog()
    assert log.contains('javac [debug release 8]'): 'compiled for Java 8'
    assert log.contains('Linking with eclipse-temurin:17-jdk: a Java 8 JDK has no jlink, and a runtime linked by a newer JDK ' +
            'runs Java 8 class files.')
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.contains('Java 8 (')
    assert dockerfile.readLines().contains('FROM eclipse-temurin:17-jdk AS jlink'): dockerfile
    assert dockerfile.contains('FROM gcr.io/distroless/cc-debian12')
    assert log.contains("Verified ${image}."): 'slim:verify ran it'

    def run = support.run(image)
    assert run.exit == 0: run.out
    assert run.out.contains('java8 app ran on Java 17: A+B+C'): run.out
    assert run.out.contains('java.logging is linked'): run.out
    assert support.report().baselineImage == 'eclipse-temurin:17-jdk'
    support.assertNoLeftovers([image])
    return true
} finally {
    support.recordJlinkCacheTags()
    support.removeImages([image])
}
