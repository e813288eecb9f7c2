// One Spring Boot app, startupCache=auto, three images: Java 17 JRE and Java 17 jlink get a dynamic AppCDS archive,
// Java 25 jlink an AOT cache. Each is trained in a stage of its own, carries only the archive as its last layer, uses
// it (the JVM, told to require it, loads the application's own classes from it) and answers HTTP.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def images = [
    [tag: 'slim-it/startup-cache-spring-boot:jre17', kind: 'cds', java: 'java', require: '-Xshare:on'],
    [tag: 'slim-it/startup-cache-spring-boot:jlink17', kind: 'cds', java: '/opt/java/bin/java', require: '-Xshare:on'],
    [tag: 'slim-it/startup-cache-spring-boot:jlink25', kind: 'aot', java: '/opt/java/bin/java', require: '-XX:AOTMode=on'],
]
List<String> containers = []
try {
    def log = support.buildLog()
    assert !log.contains('[warning][cds]') && !log.contains('[warning][aot]'): 'the JVM\'s cache messages stay in the debug log'
    assert log.count('its layer startup-cache is not reproducible') == 4: 'each build says the cache layer is not reproducible'
    // Training may come from the builder's cache: the daemon outlives this IT, and an earlier run of it on the same
    // daemon leaves the training stage's images behind (they are no parent of the image, so removing the image keeps
    // them). So: every training step that ran started the application, and the JRE build's training is not the
    // other-times build's (same jars, other file times).
    def builds = log.split(/\[INFO\] Building Spring Boot with a startup cache /).drop(1)
    assert builds.size() == 4: "four Maven builds in build.log, found ${builds.size()}"
    def trainings = builds.collect { build -> support.builderSteps(build).findAll { it.instruction =~ /^RUN \[.*-XX:(ArchiveClassesAtExit|AOTCacheOutput)=/ } }
    assert trainings.every { it.size() == 1 && it[0].image != null }: trainings
    def ran = trainings.count { !it[0].cached }
    assert log.count('Starting JlinkBootApplication') >= ran: "each of the ${ran} training runs started the application"
    assert trainings[1][0].image != trainings[0][0].image: 'the JRE build trained on its own jars, not the other-times build\'s'
    println "training steps run: ${ran} of 4, the others from the builder's cache"
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    def lines = dockerfile.readLines()
    // Training and image build on one application stage, so the training runs on the very jars the image gets.
    assert lines.any { it.startsWith('FROM gcr.io/distroless/cc-debian12 AS application') }: dockerfile
    assert lines.contains('FROM application AS training') && lines.contains('FROM application'): dockerfile
    def run = lines.find { it.startsWith('RUN [') }
    assert run.startsWith('RUN ["/opt/java/bin/java", "-XX:AOTCacheOutput=/app/startup/app.aot", "-XX:MaxRAMPercentage=75", '
            + '"-Dspring.context.exit=onRefresh", "-cp", "/app/BOOT-INF/classes/resources.jar:/app/BOOT-INF/classes/classes.jar:'
            + '/app/BOOT-INF/lib/'): run
    // Every jar named, no wildcard: a directory's order differs between hosts, and the cache needs the same class path.
    assert run.endsWith('.jar", "com.example.jlinkboot.JlinkBootApplication"]') && !run.contains('/*'): run
    assert lines.findAll { it.startsWith('COPY ') }.last() == 'COPY --from=training /app/startup/app.aot /app/startup/app.aot': 'the archive is the last layer'

    images.each { image ->
        def inspected = support.inspect(image.tag)
        def archive = image.kind == 'cds' ? '/app/startup/app.jsa' : '/app/startup/app.aot'
        assert inspected.Config.Labels['dev.slimimage.startup-cache'] == image.kind
        def option = image.kind == 'cds' ? "-XX:SharedArchiveFile=${archive}" : "-XX:AOTCache=${archive}"
        assert inspected.Config.Entrypoint.contains(option.toString()): inspected.Config.Entrypoint
        assert inspected.Config.Entrypoint[0] == image.java
        // The newest layer is the archive, and only the archive.
        def history = support.sh(['docker', 'history', '--no-trunc', '--format', '{{.Size}}\t{{.CreatedBy}}', image.tag]).readLines()
        def newest = history.find { !it.startsWith('0B\t') }
        assert newest.contains("COPY --from=training ${archive} ${archive}".toString()) || newest.contains('COPY file:'): history.take(8)
        println "${image.tag}: archive layer ${newest.split('\t')[0]}"

        // The JVM is told to require the archive and to list where each class came from: the application's own
        // classes come from it, and the application answers HTTP.
        def id = support.sh(['docker', 'run', '-d', '-p', '127.0.0.1::8080', '-e',
                "JAVA_TOOL_OPTIONS=${image.require} -Xlog:class+load=info".toString(), image.tag]).trim()
        containers << id
        def port = support.sh(['docker', 'port', id, '8080/tcp']).readLines().find { it.startsWith('127.0.0.1:') }.split(':')[1] as int
        def response = support.httpGet(port, '/greet?name=slim', 90)
        def out = support.exec(['docker', 'logs', id]).out
        assert response.status == 200: "${image.tag}: GET /greet answered ${response.status}\n${out.readLines().takeRight(30).join('\n')}"
        def controller = out.readLines().find { it.contains('com.example.jlinkboot.GreetingController ') }
        assert controller != null && controller.contains('shared objects file'): "${image.tag}: ${controller}"
        support.removeContainer(id)
    }
    return true
} finally {
    containers.each { support.removeContainer(it) }
    support.recordJlinkCacheTags()
    support.removeImages(images*.tag + ['slim-it/startup-cache-spring-boot:other-times'])
}
