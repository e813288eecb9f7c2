// Spring Boot with actuator on a linked runtime: slim:verify saw the health endpoint UP, the controller answers, and
// the management modules (which Micrometer reaches reflectively) are linked and actually work.
import groovy.json.JsonSlurper

def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/jlink-spring-boot:1.0.0'
String container = null
try {
    def log = support.buildLog()
    assert log.contains("GET http://127.0.0.1:") && log.contains('/actuator/health'): 'slim:verify checked the health endpoint'
    assert log.contains("Verified ${image}.")

    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.readLines().contains('EXPOSE 8080'): dockerfile
    assert dockerfile.contains('org.springframework.boot.loader.launch.JarLauncher')
    assert dockerfile.contains('FROM gcr.io/distroless/cc-debian12')
    def config = support.inspect(image).Config
    assert config.User == '65532'
    assert config.Entrypoint[0] == '/opt/java/bin/java'

    // The controller answers within 60 s of the container starting.
    long startedAt = System.currentTimeMillis()
    def started = support.start(image, 8080)
    container = started.id
    def response = support.httpGet(started.hostPort, '/greet?name=slim', 60)
    if (response.status != 200) {
        println support.exec(['docker', 'logs', container]).out
    }
    assert response.status == 200: "GET /greet answered ${response.status}"
    assert response.body == 'hello SLIM from a linked runtime'
    println "GET /greet answered after ${System.currentTimeMillis() - startedAt} ms"

    def health = support.httpGet(started.hostPort, '/actuator/health', 10)
    assert health.status == 200 && new JsonSlurper().parseText(health.body).status == 'UP': health
    // jvm.memory.used comes from java.management; process.cpu.usage needs com.sun.management (jdk.management),
    // which Micrometer only looks up by name: without the module the metric is simply not there (404).
    def metric = { String name ->
        def r = support.httpGet(started.hostPort, "/actuator/metrics/${name}", 10)
        assert r.status == 200: "GET /actuator/metrics/${name} answered ${r.status}"
        new JsonSlurper().parseText(r.body) as Map
    }
    assert metric('jvm.memory.used').measurements[0].value > 0
    assert metric('process.cpu.usage').measurements[0].value >= 0
    assert metric('jvm.threads.live').measurements[0].value > 5

    def logs = support.exec(['docker', 'logs', container]).out
    assert logs.contains('Tomcat started on port 8080'): logs
    assert !(logs =~ /NoClassDefFoundError|ClassNotFoundException|NoSuchAlgorithmException|UnsupportedCharsetException/): logs
    assert !logs.readLines().any { it =~ /^\S+\s+ERROR\s/ }: "no ERROR lines: ${logs}"

    // The report: modules with reasons, sizes that add up, and smaller than the naive JDK image.
    def report = support.report()
    assert report.runtime == 'jlink'
    assert report.moduleAnalysis.startsWith("class-file scan by jdeps' rules"): report.moduleAnalysis
    def reasons = report.modules.collectEntries { [(it.name): it.reasons] }
    for (module in ['java.management', 'jdk.management']) {
        assert reasons[module] && reasons[module].every { r -> r?.trim() }: "${module} with a reason: ${reasons}"
    }
    assert report.imageBytes == support.inspect(image).Size
    assert report.runtimeBytes + report.dependenciesBytes + report.applicationBytes == report.imageBytes
    assert report.imageBytes < report.baselineBytes
    assert report.dependenciesBytes > 10_000_000: 'spring-webmvc, tomcat and friends'
    def linked = support.linkedModules(image)
    assert linked.containsAll(report.modules*.name): linked
    println "modules: ${report.modules*.name.join(',')}"
    println "imageBytes ${report.imageBytes}, baselineBytes ${report.baselineBytes}"
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.recordJlinkCacheTags()
    if (container != null) {
        support.removeContainer(container)
    }
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
