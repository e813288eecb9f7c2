def support = evaluate(new File(itSupport)).newInstance(basedir)
def jre = 'slim-it/manifest-add-exports:jre'
def jlink = 'slim-it/manifest-add-exports:jlink'
def expected = 'javac quotes: tab\\there'
try {
    // java -jar honours Add-Exports; the control shows the main needs it.
    def jar = new File(basedir, 'target/manifest-add-exports-1.0.0.jar')
    def direct = support.exec(['java', '-jar', jar.path])
    assert direct.exit == 0 && direct.out.contains(expected): direct.out
    def withoutExport = support.exec(['java', '-cp', jar.path, 'com.example.exports.Main'])
    assert withoutExport.exit != 0 && withoutExport.out.contains('IllegalAccessError'): withoutExport.out

    def option = '--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED'
    def log = support.buildLog()
    assert log.contains("JVM options from the jar's manifest, as java -jar would apply them: ${option}")
    [jre, jlink].each { image ->
        def entrypoint = support.inspect(image).Config.Entrypoint
        assert entrypoint.contains(option) && entrypoint.indexOf(option) < entrypoint.indexOf('-cp'): entrypoint
        def run = support.run(image)
        assert run.exit == 0: "${image}: ${run.out}"
        assert run.out.contains(expected): "${image}: ${run.out}"
        assert !run.out.contains('WARNING'): "${image}: ${run.out}"
    }

    // jlink: jdeps sees the use too, but the module is linked for the manifest's sake as well, with that reason.
    assert log.contains("  jdk.compiler: ") && log.readLines().any {
        it.startsWith('[INFO]   jdk.compiler: ') && it.contains("named in the manifest's Add-Exports (jdk.compiler/com.sun.tools.javac.util)")
    }: log.readLines().findAll { it.contains('jdk.compiler') }.join('\n')
    def report = support.report('target/slim-jlink')
    assert report.modules.find { it.name == 'jdk.compiler' }.reasons.any { it.startsWith("named in the manifest's Add-Exports") }
    assert log.count('Verified slim-it/manifest-add-exports:') == 2
    support.assertNoLeftovers([jre, jlink])
    return true
} finally {
    support.recordJlinkCacheTags()
    [jre, jlink].each { if (support.imageExists(it)) support.removeContainersOf(it) }
    support.removeImages([jre, jlink])
}
