// A WAR becomes Tomcat's root web application: the servlet (with a library from WEB-INF/lib) and the JSP answer over
// HTTP on every runtime, as uid 65532, with the web application read-only and Tomcat's temp directory writable.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def jre = 'slim-it/war-tomcat:jre'
def jreV2 = 'slim-it/war-tomcat:jre-v2'
def jlink = 'slim-it/war-tomcat:jlink'
def distroless = 'slim-it/war-tomcat:distroless'
def images = [jre, jreV2, jlink, distroless]
try {
    def log = support.buildLog()
    assert new File(basedir, 'target/war-tomcat-1.0.0.war').isFile()
    assert !log.contains("Packaging 'war' is not supported")

    // The last build's Dockerfile (distroless): Tomcat copied from its image, writable directories owned by the user.
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    def lines = dockerfile.readLines()
    assert lines.contains('FROM tomcat:10.1-jre17 AS servlet-container'): dockerfile
    assert lines.contains('FROM gcr.io/distroless/java17-debian12'): dockerfile
    assert lines.contains('COPY --from=servlet-container /usr/local/tomcat /usr/local/tomcat'): dockerfile
    assert lines.contains('COPY --chown=65532 layers/servlet-container-writable/ /usr/local/tomcat/'): dockerfile
    assert lines.contains('COPY layers/servlet-container-config/ /'): dockerfile
    assert lines.contains('EXPOSE 8080') && lines.contains('USER 65532') && lines.contains('WORKDIR /usr/local/tomcat')
    def staged = new File(basedir, 'target/slim/layers')
    assert new File(staged, 'dependencies/usr/local/tomcat/webapps/ROOT/WEB-INF/lib/commons-lang3-3.17.0.jar').isFile()
    assert !new File(staged, 'dependencies/usr/local/tomcat/webapps/ROOT/WEB-INF/lib').list().any { it.contains('servlet') }:
            'the provided servlet API stays out of WEB-INF/lib'
    assert new File(staged, 'resources/usr/local/tomcat/webapps/ROOT/index.jsp').isFile()
    assert new File(staged, 'classes/usr/local/tomcat/webapps/ROOT/WEB-INF/classes/com/example/web/HelloServlet.class').isFile()

    def check = { String image, String greeting, String javaVersion ->
        def config = support.inspect(image).Config
        assert config.User == '65532'
        assert config.ExposedPorts.containsKey('8080/tcp')
        assert config.Entrypoint.last() == 'start' && config.Entrypoint.contains('org.apache.catalina.startup.Bootstrap')
        def c = support.start(image, 8080)
        try {
            def servlet = support.httpGet(c.hostPort, '/hello', 120)
            assert servlet.status == 200: "${image} /hello: ${servlet} ${support.exec(['docker', 'logs', c.id]).out}"
            assert servlet.body.contains("servlet: GREETING ${greeting}"): servlet.body
            assert servlet.body.contains('uid: 65532'): servlet.body
            assert servlet.body.contains('webapp /usr/local/tomcat/webapps/ROOT writable: false'): servlet.body
            assert servlet.body.contains('temp /usr/local/tomcat/temp writable: true'): servlet.body
            // The JSP is compiled at its first request, into work/: it answers only if work/ is writable.
            def jsp = support.httpGet(c.hostPort, '/', 60)
            assert jsp.status == 200: "${image} /: ${jsp} ${support.exec(['docker', 'logs', c.id]).out}"
            assert jsp.body.trim() == "jsp: 42 on Java ${javaVersion}": jsp.body
            assert support.httpGet(c.hostPort, '/static.txt', 10).body.trim() == 'a static web resource'
            def out = support.exec(['docker', 'logs', c.id]).out
            assert out.contains('Deploying web application directory [/usr/local/tomcat/webapps/ROOT]'): out
            assert !out.contains('SEVERE'): out
        } finally {
            support.removeContainer(c.id)
        }
    }
    check(jre, 'VERSION-ONE', '17')
    check(jreV2, 'VERSION-TWO', '17')
    check(jlink, 'VERSION-ONE', '17')
    check(distroless, 'VERSION-ONE', '17')

    // jre: Tomcat's own image is the base; nothing of Tomcat is copied.
    def builds = log.split(/(?m)^\[INFO\] Building slim-it\/war-tomcat:/)
    assert builds.size() == 5: 'four image builds'
    def jreBuild = builds[1]
    assert support.builderStep(jreBuild, 'FROM tomcat:10.1-jre17')
    assert !support.builderSteps(jreBuild).any { it.instruction.contains('--from=servlet-container') }

    // A one-class change rebuilds only the classes layer, on the last build's image before that step.
    def v2Build = builds[2]
    support.assertStartedFromLastBuild(v2Build, 'COPY layers/classes/ /')
    def layers1 = support.inspect(jre).RootFS.Layers
    def layers2 = support.inspect(jreV2).RootFS.Layers
    assert layers1.size() == layers2.size()
    assert (0..<layers1.size()).findAll { layers1[it] != layers2[it] } == [layers1.size() - 1]: 'only the last layer differs'

    // jlink links what Tomcat needs as well as what the application's classes use, with a reason for each.
    // (The reasons are logged before the "Building" line, and only by the jlink build.)
    assert log.contains('  java.management: used by Tomcat 10.1 (the servlet container)')
    assert log.contains('  java.compiler: used by Tomcat 10.1 (the servlet container): the JSP compiler')
    def modules = support.linkedModules(jlink)
    assert modules.containsAll(['java.desktop', 'java.instrument', 'java.management', 'java.naming', 'java.sql', 'java.xml',
                                'java.rmi', 'jdk.unsupported']): modules
    assert !modules.contains('jdk.compiler') && !modules.contains('jdk.jdeps'): modules

    def report = support.report()
    assert report.runtime == 'distroless'
    assert report.layers*.name.containsAll(['servlet-container', 'dependencies', 'resources', 'classes']): report.layers
    println "sizes: " + images.collect { "${it} ${support.inspect(it).Size}" }.join(', ')
    assert support.assertNoLeftovers(images).builds == 4
    return true
} finally {
    support.recordJlinkCacheTags()
    images.each { support.removeContainersOf(it) }
    support.removeImages(images)
}
