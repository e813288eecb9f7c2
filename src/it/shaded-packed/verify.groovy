// A shaded jar of several big libraries (thousands of entries) stays packed: the image is never bigger than the base
// image plus the jar, it runs like java -jar (merged services, the manifest, own resources), a one-class change
// rebuilds only the small classes layer, and the jlink image's module reasons tell the application from the libraries.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def v1 = 'slim-it/shaded-packed:v1'
def v2 = 'slim-it/shaded-packed:v2'
def jlink = 'slim-it/shaded-packed-jlink:1.0.0'
def expected = ['packed guava: a|b|c', 'packed json: {"n":42}', 'packed netty: 5 bytes', 'packed drivers: [org.h2.Driver]',
                'packed sql: 42', "packed resource: hello from the application's own resource", 'packed manifest main: true']
try {
    def jar = new File(basedir, 'target/shaded-packed-1.0.0.jar')
    def entries = new java.util.zip.ZipFile(jar).withCloseable { it.size() }
    assert entries > 5000: "the fixture is a big shaded jar, it has ${entries} entries"
    def log = support.buildLog()
    assert log.contains('shaded (uber) jar, main class com.example.packed.Main')
    assert log =~ /layer shaded-dependencies\s+1 file /: 'the bundled libraries are one packed jar, not thousands of files'

    // Never bigger than the simple way: the same base image with the jar copied as it is.
    long base = support.inspect('eclipse-temurin:17-jre').Size as long
    long image = support.inspect(v1).Size as long
    long slack = 256_000
    assert image <= base + jar.length() + slack: "image ${image} > base ${base} + jar ${jar.length()} + ${slack}"

    def run = support.run(v1)
    assert run.exit == 0: run.out
    assert run.out.contains('packed version: VERSION-ONE'): run.out
    expected.each { assert run.out.contains(it): "${it} missing from:\n${run.out}" }
    def config = support.inspect(v1).Config
    assert config.Entrypoint == ['java', '-XX:MaxRAMPercentage=75', '-cp', '/app/classes:/app/shaded/libraries.jar',
                                 'com.example.packed.Main']

    def layers = support.report().layers.collectEntries { [(it.name): it.bytes as long] }
    assert layers['shaded-dependencies'] > jar.length() * 0.9 && layers['shaded-dependencies'] <= jar.length(): layers
    assert layers.classes < 10_000: layers

    // A one-class change: only the classes layer differs, the packed libraries come from the cache.
    def second = support.run(v2)
    assert second.exit == 0 && second.out.contains('packed version: VERSION-TWO'): second.out
    def layers1 = support.inspect(v1).RootFS.Layers
    def layers2 = support.inspect(v2).RootFS.Layers
    assert layers1.size() == layers2.size()
    def changed = (0..<layers1.size()).findAll { layers1[it] != layers2[it] }
    assert changed == [layers1.size() - 1]: "only the last (classes) layer differs, changed: ${changed}"
    def secondBuild = log.substring(log.lastIndexOf('Building slim-it/shaded-packed:v2'))
    def firstBuild = log.substring(log.indexOf('Building slim-it/shaded-packed:v1'), log.lastIndexOf('Building slim-it/shaded-packed:v2'))
    support.assertStepReused(firstBuild, secondBuild, 'COPY layers/shaded-dependencies/ /')

    // jlink: the same behaviour, and reasons that tell the application's classes from the bundled libraries.
    def linked = support.run(jlink)
    assert linked.exit == 0: linked.out
    expected.each { assert linked.out.contains(it): "${it} missing from the jlink image's output:\n${linked.out}" }
    def report = support.report('target/slim-jlink')
    def reasons = report.modules.collectEntries { [(it.name): it.reasons] }
    assert reasons['java.sql'][0] =~ /^used by the application's classes; also libraries: .*h2-2\.3\.232\.jar/: reasons['java.sql']
    assert reasons['java.desktop'].any { it.startsWith('used only by libraries: ') }: reasons['java.desktop']
    assert report.libraryOnlyModules.contains('java.desktop')
    assert !reasons.containsKey('jdk.jdi') && !reasons.containsKey('jdk.attach'): reasons.keySet()
    def notLinked = report.notLinkedModules.find { it.name == 'jdk.jdi' }
    assert notLinked && notLinked.reasons.any { it.contains('javassist-3.30.2-GA.jar') }: report.notLinkedModules
    assert report.moduleAnalysis.contains('bytecode scan for the bundled libraries'): report.moduleAnalysis
    assert log.contains('not linked: jdk.jdi')
    assert support.assertNoLeftovers([v1, v2, jlink]).builds == 3
    return true
} finally {
    // The jlink build tagged its stage as slim-cache/jlink:<hash>: recorded so the suite's clean-up removes it.
    support.recordJlinkCacheTags()
    support.removeImages([v1, v2, jlink])
}
