def support = evaluate(new File(itSupport)).newInstance(basedir)
def jre = 'slim-it/manifest-launcher-agent:jre'
def distroless = 'slim-it/manifest-launcher-agent:distroless'
def jlink = 'slim-it/manifest-launcher-agent:jlink'
def images = [jre, distroless, jlink]
def expected = 'agentmain ran before main: args=[] loaded classes=true retransform=true main loaded=false'
try {
    // java -jar starts the manifest's Launcher-Agent-Class; the control shows that main needs it.
    def jar = new File(basedir, 'target/manifest-launcher-agent-1.0.0.jar')
    def direct = support.exec(['java', '-jar', jar.path])
    assert direct.exit == 0 && direct.out.contains(expected): direct.out
    def withoutAgent = support.exec(['java', '-cp', jar.path, 'com.example.agent.Main'])
    assert withoutAgent.exit == 3 && withoutAgent.out.contains('agentmain did not run'): withoutAgent.out

    def log = support.buildLog()
    assert !log.contains('Launcher-Agent-Class com.example.agent.Agent, an agent only java -jar starts')
    def agentOption = '-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.agent.Agent'
    assert log.contains("JVM options from the jar's manifest, as java -jar would apply them: ${agentOption}")
    images.each { image ->
        def entrypoint = support.inspect(image).Config.Entrypoint
        assert entrypoint.contains(agentOption) && entrypoint.indexOf(agentOption) < entrypoint.indexOf('-cp'): entrypoint
        def run = support.run(image)
        assert run.exit == 0: "${image}: ${run.out}"
        assert run.out.contains(expected): "${image}: ${run.out}"
        assert !run.out.contains('WARNING'): "${image}: ${run.out}"
    }

    // The agent jar is written from fixed inputs: every build staged the same bytes, and its layer is launch machinery.
    def outputs = ['target/slim', 'target/slim-distroless', 'target/slim-jlink']
    def agentJars = outputs.collect { new File(basedir, "${it}/layers/launcher-agent/app/launcher-agent/slim-launcher-agent.jar") }
    agentJars.each { assert it.isFile(): it }
    assert agentJars.collect { support.sha256(it) }.unique().size() == 1
    outputs.each { dir ->
        assert support.report(dir).layers.find { it.name == 'launcher-agent' }?.kind == 'loader': dir
    }

    // jlink: java.instrument is linked for the launcher agent, with that reason.
    assert log.readLines().any {
        it.startsWith('[INFO]   java.instrument: ') && it.contains('Launcher-Agent-Class com.example.agent.Agent')
    }: log.readLines().findAll { it.contains('java.instrument') }.join('\n')
    assert log.count('Verified slim-it/manifest-launcher-agent:') == 3
    support.assertNoLeftovers(images)
    return true
} finally {
    support.recordJlinkCacheTags()
    images.each { if (support.imageExists(it)) support.removeContainersOf(it) }
    support.removeImages(images)
}
