// A Java 25 application: built by Maven on JDK 25 (its modules are the JDK 25's), then packaged again by Maven on
// JDK 17, whose module map has to do for class version 69: the class-file scan reads them all the same.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def on25 = 'slim-it/jlink-java25:maven-on-25'
def on17 = 'slim-it/jlink-java25:maven-on-17'
def expected = 'java25 app on Java 25: line, point, rect 12, circle 13'
try {
    def log = support.buildLog()
    int second = log.indexOf('Java version: 17.')
    assert log.indexOf('Java version: 25.') >= 0 && second > log.indexOf('Java version: 25.'): 'build 1 on JDK 25, build 2 on JDK 17'
    def build1 = log.substring(0, second)
    def build2 = log.substring(second)

    // Build 1: compiled for 25, analysed against JDK 25's modules, linked from the Java 25 JDK image.
    assert build1.contains('Compiling 1 source file with javac [debug release 25]')
    assert build1.contains("Module analysis: class-file scan by jdeps' rules, JDK 25")
    assert support.builderOutput(build1).contains('Step 1/') && build1.contains('FROM eclipse-temurin:25-jdk AS jlink')
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.readLines().contains('FROM eclipse-temurin:25-jdk AS jlink'): 'builderImage defaults to the release\'s JDK'
    assert dockerfile.contains('--compress=zip-6') && !dockerfile.contains('--compress=2'): 'JDK 21+ compression syntax'
    assert dockerfile.contains('FROM gcr.io/distroless/cc-debian12')
    def run25 = support.run(on25)
    assert run25.exit == 0: run25.out
    assert run25.out.readLines().contains(expected): run25.out
    assert run25.out.contains('INFO: java.logging is linked'): run25.out
    assert support.run(on25, ['-version'], ['--entrypoint', '/opt/java/bin/java']).out.contains('Temurin-25'): 'the runtime is linked from Temurin 25'

    // Build 2: nothing recompiled; the classes are newer than the JDK 17 running Maven, and the analysis says so.
    assert !build2.contains('Compiling '): 'maven.main.skip kept the Java 25 classes'
    assert build2.contains("Module analysis: class-file scan by jdeps' rules (Java 25 classes, matched against the modules of the JDK 17 running Maven)")
    // The scan still found what the code uses: java.util.logging in the application's classes.
    assert build2.contains('  java.logging: used by the application\'s classes'): 'the scan saw the Logger reference'
    def report = support.report()
    assert report.image == on17
    assert report.moduleAnalysis.startsWith("class-file scan by jdeps' rules (Java 25 classes"): report.moduleAnalysis
    assert report.modules*.name.contains('java.logging')
    def run17 = support.run(on17)
    assert run17.exit == 0: run17.out
    assert run17.out.readLines().contains(expected): run17.out
    assert run17.out.contains('INFO: java.logging is linked'): run17.out
    println "imageBytes ${report.imageBytes}, baselineBytes ${report.baselineBytes}, modules ${report.modules*.name.join(',')}"
    assert support.assertNoLeftovers([on25, on17]).builds == 2
    return true
} finally {
    support.recordJlinkCacheTags()
    support.removeImages([on25, on17])
}
