// A Quarkus REST application (packaging quarkus) in four builds: fast-jar on the JRE, fast-jar on a linked runtime,
// the JRE build again after a one-class change, and an uber-jar on distroless. Each image answers GET /hello.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def images = [jre: 'slim-it/quarkus-rest:jre', jlink: 'slim-it/quarkus-rest:jlink', v2: 'slim-it/quarkus-rest:v2',
              uber: 'slim-it/quarkus-rest:uber']
List<String> containers = []
def answer = { String image, String expected ->
    long startedAt = System.currentTimeMillis()
    def started = support.start(image, 8080)
    containers << started.id
    def response = support.httpGet(started.hostPort, '/hello', 120)
    def logs = support.exec(['docker', 'logs', started.id]).out
    assert response.status == 200: "${image}: GET /hello answered ${response.status}\n${logs}"
    assert response.body == expected
    assert !(logs =~ /NoClassDefFoundError|ClassNotFoundException|ERROR/): "${image}:\n${logs}"
    // docker top reads the process table from the host: the jlink and distroless images have no cat or ps.
    def uids = support.sh(['docker', 'top', started.id, '-o', 'pid,uid']).readLines().drop(1)*.trim().findAll { it }
            .collect { it.split(/\s+/)[1] }
    assert uids == ['65532']: "the JVM runs as 65532: ${uids}"
    println "${image}: GET /hello answered after ${System.currentTimeMillis() - startedAt} ms"
    logs
}
try {
    def log = support.buildLog()
    assert log.contains('Quarkus fast-jar (target/quarkus-app)')
    assert log.contains('Quarkus uber-jar')

    // Fast-jar, JRE: Quarkus's tree whole under /app/quarkus-app, started as java -jar quarkus-run.jar.
    def dockerfile = new File(basedir, 'target/slim-jre/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    def copies = dockerfile.readLines().findAll { it.startsWith('COPY ') }
    assert copies == ['COPY --chown=65532 layers/workdir/ /', 'COPY layers/boot-dependencies/ /', 'COPY layers/dependencies/ /', 'COPY layers/application/ /']: copies
    def config = support.inspect(images.jre).Config
    assert config.Entrypoint[-2..-1] == ['-jar', '/app/quarkus-app/quarkus-run.jar']: config.Entrypoint
    assert config.User == '65532'
    def tree = support.run(images.jre, ['-c', 'cd /app/quarkus-app && ls quarkus-run.jar app quarkus lib/boot lib/main | head -c 100000'],
            ['--entrypoint', 'sh'])
    assert tree.exit == 0: tree.out
    assert tree.out.contains('quarkus-rest-1.0.0.jar') && tree.out.contains('generated-bytecode.jar')
    assert tree.out.contains('quarkus-bootstrap-runner') && tree.out.contains('quarkus-rest')
    answer(images.jre, 'hello from a slim quarkus image')
    def jreReport = support.report('target/slim-jre')
    def layers = jreReport.layers.collectEntries { [(it.name): it.bytes as long] }
    assert layers.keySet().containsAll(['boot-dependencies', 'dependencies', 'application']): layers
    assert layers.dependencies > 10_000_000: 'vert.x, netty, resteasy reactive'
    assert layers.application < 2_000_000: "the last layer holds app/, quarkus/ and quarkus-run.jar only: ${layers}"
    assert jreReport.imageBytes < jreReport.baselineBytes

    // Fast-jar, jlink: the module analysis over Quarkus's jars links what it needs at run time.
    def jlinkReport = support.report('target/slim-jlink')
    assert jlinkReport.runtime == 'jlink'
    def linked = support.linkedModules(images.jlink)
    assert linked.containsAll(jlinkReport.modules*.name)
    for (module in ['java.naming', 'java.management', 'jdk.unsupported', 'java.logging']) {
        assert module in linked: "${module} linked: ${linked}"
    }
    def jlinkLogs = answer(images.jlink, 'hello from a slim quarkus image')
    assert jlinkLogs.contains('Listening on: http://0.0.0.0:8080'): jlinkLogs
    assert jlinkReport.imageBytes < jreReport.imageBytes
    println "modules: ${jlinkReport.modules*.name.join(',')}"

    // A one-class change: only the last layer (app/, quarkus/) differs, and the change is in the image.
    answer(images.v2, 'hello from the second build')
    def before = support.inspect(images.jre).RootFS.Layers
    def after = support.inspect(images.v2).RootFS.Layers
    assert before.size() == after.size()
    def changed = (0..<before.size()).findAll { before[it] != after[it] }
    assert changed == [before.size() - 1]: "only the last layer differs, not ${changed} of ${before.size()}"
    def v2Log = log.substring(log.lastIndexOf('Building slim-it/quarkus-rest:v2'), log.lastIndexOf('Building slim-it/quarkus-rest:uber'))
    def jreLog = log.substring(log.indexOf('Building slim-it/quarkus-rest:jre'), log.indexOf('Building slim-it/quarkus-rest:jlink'))
    support.assertStepReused(jreLog, v2Log, 'COPY layers/boot-dependencies/ /')
    support.assertStepReused(jreLog, v2Log, 'COPY layers/dependencies/ /')
    assert !support.builderStep(v2Log, 'COPY layers/application/ /').cached

    // Uber-jar: Quarkus's runner jar, kept whole and started with java -jar, on distroless.
    def runner = new File(basedir, 'target/quarkus-rest-1.0.0-runner.jar')
    assert runner.isFile()
    def uberConfig = support.inspect(images.uber).Config
    assert uberConfig.Entrypoint[-2..-1] == ['-jar', '/app/quarkus-rest-1.0.0-runner.jar']: uberConfig.Entrypoint
    answer(images.uber, 'hello from a slim quarkus image')
    def uberReport = support.report('target/slim-uber')
    assert uberReport.layers.find { it.name == 'application' }.bytes == runner.length()

    [jre: jreReport, jlink: jlinkReport, uber: uberReport].each { name, r ->
        println "${name}: imageBytes ${r.imageBytes}, baselineBytes ${r.baselineBytes}"
    }
    assert support.assertNoLeftovers(images.values() as List).builds == 4
    return true
} finally {
    support.recordJlinkCacheTags()
    containers.each { support.removeContainer(it) }
    images.values().findAll { support.imageExists(it) }.each { support.removeContainersOf(it) }
    support.removeImages(images.values() as List)
}
