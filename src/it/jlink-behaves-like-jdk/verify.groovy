// A linked runtime must behave like the full JDK for what the module analysis cannot see in the bytecode: EC crypto
// and TLS suites (providers), charsets looked up by name, locale data, JUL, and a JDBC driver found through services.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/jlink-behaves-like-jdk:1.0.0'
def jar = 'jlink-behaves-like-jdk-1.0.0.jar'
try {
    def log = support.buildLog()
    assert log.contains("Verified ${image}."): 'slim:verify ran and saw the last line'

    // The image, on its linked runtime, as uid 65532.
    def slim = support.run(image)
    assert slim.exit == 0: slim.out
    def slimLines = slim.out.readLines()
    assert slimLines.contains('uid: 65532'): slim.out
    def config = support.inspect(image).Config
    assert config.User == '65532'
    assert config.Entrypoint[0] == '/opt/java/bin/java': config.Entrypoint

    // The same jar and dependency jars on the full JDK the runtime was linked from, as the same user.
    def target = new File(basedir, 'target').canonicalPath
    def fullJdk = { List<String> javaOptions ->
        support.run('eclipse-temurin:17-jdk', ['java'] + javaOptions + ['-cp', "/x/${jar}:/x/full-jdk/lib/*".toString(), 'com.example.behave.Main'],
                ['--user', '65532', '-v', "${target}:/x:ro".toString()])
    }
    def full = fullJdk([])
    assert full.exit == 0: full.out
    def fullLines = full.out.readLines()
    println "full JDK output:\n${full.out}"
    def differing = (0..<Math.max(slimLines.size(), fullLines.size())).findAll { slimLines[it] != fullLines[it] }
    assert differing.isEmpty(): "the linked runtime differs from the full JDK:\n" +
            differing.collect { "  jlink: ${slimLines[it]}\n  jdk:   ${fullLines[it]}" }.join('\n')
    assert slimLines == fullLines

    // The lines say what they should (so "identical" is not "identically broken").
    assert !slim.out.contains('FAILED'): slim.out
    assert slimLines.contains('ec: provider SunEC, field 256 bits, public key 91 bytes X.509')
    assert slimLines.contains('ecdsa: signature valid true, tampered message valid false')
    def tls = slimLines.find { it.startsWith('tls: ') }
    assert (tls =~ /ECDHE cipher suites (\d+) of/)[0][1] as int > 0: tls
    assert (slimLines.find { it.startsWith('trust: ') } =~ /trust: (\d+) trusted CAs/)[0][1] as int > 100: 'the JDK\'s CA list'
    // "Slim 123" in EBCDIC (IBM037, in jdk.charsets, not java.base).
    assert slimLines.contains('charset IBM037: e293899440f1f2f3 -> Slim 123')
    def de = slimLines.find { it.startsWith('locale de_DE: ') }
    assert de.contains('number 1.234.567,891') && de.contains('date Donnerstag, 29. Februar 2024') && de.contains('month M\\u00e4rz'): de
    def fr = slimLines.find { it.startsWith('locale fr_FR: ') }
    assert fr.contains('date jeudi 29 f\\u00e9vrier 2024') && fr.contains('month mars'): fr
    assert slimLines.contains('jul: [INFO] com.example.behave: hello from java.util.logging')
    assert slimLines.contains('jul: [WARNING] com.example.behave: 3 items left')
    assert slimLines.find { it.startsWith('jdbc: H2 2.3.232') }.endsWith(': apple=1.25, cherry=7.00, count=3 sum=8.75')
    assert slimLines.last() == 'behaviour check done'

    // Control: the same comparison catches a runtime without the always-in modules (full JDK, modules limited).
    def report = support.report()
    def limited = report.modules*.name - ['jdk.crypto.ec', 'jdk.charsets', 'jdk.localedata']
    def without = fullJdk(['--limit-modules', limited.join(',')])
    def withoutLines = without.out.readLines()
    assert withoutLines.find { it.startsWith('ec: ') }.contains('FAILED'): without.out
    assert withoutLines.find { it.startsWith('charset') }.contains('FAILED'): without.out
    assert withoutLines.find { it.startsWith('locale de_DE') } != de: 'without jdk.localedata German formats differently'

    // The runtime holds the reported modules plus what they require (jlink resolves requires, without binding services).
    def reported = report.modules*.name as List
    def required = java.lang.module.Configuration.empty().resolve(java.lang.module.ModuleFinder.ofSystem(),
            java.lang.module.ModuleFinder.of(), reported).modules()*.name().sort()
    assert support.linkedModules(image) == required
    def reasons = report.modules.collectEntries { [(it.name): it.reasons] }
    for (module in ['jdk.crypto.ec', 'jdk.charsets', 'jdk.localedata', 'java.sql', 'java.logging']) {
        assert reasons[module] && reasons[module].every { r -> r?.trim() }: "${module} with a reason: ${reasons[module]}"
    }
    assert report.moduleAnalysis.startsWith("class-file scan by jdeps' rules"): report.moduleAnalysis
    assert report.runtime == 'jlink'
    assert report.imageBytes == support.inspect(image).Size
    assert report.runtimeBytes + report.dependenciesBytes + report.applicationBytes == report.imageBytes
    assert report.imageBytes < report.baselineBytes
    println "modules: ${report.modules*.name.join(',')}"
    println "imageBytes ${report.imageBytes}, baselineBytes ${report.baselineBytes}"
    // Every module and its reason is in the Maven log too.
    assert log.contains("Linking ${report.modules.size()} modules: ") && log.contains("Module analysis: class-file scan by jdeps' rules")
    assert log.contains('  jdk.charsets: charsets outside java.base')
    // ...and on the page, with its reasons (escaped as HTML), and the linked runtime as its own layer.
    def page = new File(basedir, 'target/slim/report.html').getText('UTF-8')
    def html = { String text -> text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;').replace("'", '&#39;').replace('=', '&#61;').replace('`', '&#96;') }
    assert page.contains("${report.modules.size()} modules, found by ${html(report.moduleAnalysis)}.")
    report.modules.each { m ->
        int row = page.indexOf("<tr class=\"module\"><td><code>${html(m.name)}</code></td>")
        assert row >= 0: "module ${m.name} is not on report.html"
        String cell = page.substring(row, page.indexOf('</tr>', row))
        m.reasons.each { reason -> assert cell.contains("<li>${html(reason)}</li>"): "${m.name}: ${reason} not in ${cell}" }
    }
    assert page.contains('<tr class="layer" data-name="java-runtime" data-kind="java-runtime">')
    // The linked runtime's default CDS archives, as the image holds them, in report.json, the Maven log and the page.
    def cds = support.fileSizes(image, ['/opt/java/lib/server/classes.jsa', '/opt/java/lib/server/classes_nocoops.jsa'])
    println "runtime CDS archives: ${cds}"
    assert report.startup.runtimeCdsBytes == cds.values().sum(): "${report.startup} vs ${cds}"
    assert log.readLines().any { it ==~ /\[INFO\]   runtime CDS +\d+\.\d [kM]B  .*/ }: 'the runtime CDS line of the log summary'
    assert page.contains("id=\"runtime-cds-bytes\" data-bytes=\"${report.startup.runtimeCdsBytes}\"")

    // The jlink stage reads nothing from the build context, so application changes cannot invalidate it.
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    def jlinkStage = support.dockerfileStage(dockerfile, 'FROM eclipse-temurin:17-jdk AS jlink')
    assert !jlinkStage.any { it.startsWith('COPY') || it.startsWith('ADD') }: jlinkStage.join('\n')
    def jlinkRun = jlinkStage.join('\n')
    assert jlinkRun.contains('--include-locales=en,de,fr,es,it,pt,nl,sv,pl,ru,tr,ja,zh,ko')
    assert jlinkRun.contains('--compress=2')
    assert dockerfile.contains('FROM gcr.io/distroless/cc-debian12')
    assert dockerfile.contains('COPY --from=jlink /opt/slim-java /opt/java')
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.recordJlinkCacheTags()
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
