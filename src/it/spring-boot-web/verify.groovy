import java.util.jar.JarFile

def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/spring-boot-web:1.0.0'
String container = null
try {
    // Spring Boot's repackage left devtools out of the fat jar; the image must follow the jar, not the POM.
    def fatJar = new File(basedir, 'target/spring-boot-web-1.0.0.jar')
    def jarLibs = new JarFile(fatJar).withCloseable { jar -> jar.entries().findAll { !it.directory }*.name.findAll { it.startsWith('BOOT-INF/lib/') } }
    assert jarLibs.any { it.contains('spring-webmvc') }
    assert !jarLibs.any { it.contains('devtools') }: 'repackage excludes devtools'

    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.readLines().contains('EXPOSE 8080'): dockerfile
    assert dockerfile.contains('USER 65532')
    assert dockerfile.contains('org.springframework.boot.loader.launch.JarLauncher'): 'started by Spring Boot\'s launcher'
    assert support.buildLog().contains('Spring Boot executable jar')

    def config = support.inspect(image).Config
    assert config.User == '65532'
    assert config.ExposedPorts.containsKey('8080/tcp')

    // No devtools in the image, but the real dependencies are there.
    def ls = support.run(image, ['/app/BOOT-INF/lib'], ['--entrypoint', 'ls'])
    assert ls.exit == 0: ls.out
    def imageLibs = ls.out.readLines()*.trim().findAll { it }
    assert imageLibs.any { it.startsWith('spring-webmvc-') }: imageLibs
    assert imageLibs.any { it.startsWith('tomcat-embed-core-') }: imageLibs
    assert !imageLibs.any { it.contains('devtools') }: "devtools in the image: ${imageLibs.findAll { it.contains('devtools') }}"
    assert imageLibs.size() == jarLibs.size(): "the image has exactly the jar's ${jarLibs.size()} libraries, not ${imageLibs.size()}"

    // The web app answers on the published port, as uid 65532.
    def started = support.start(image, 8080)
    container = started.id
    def response = support.httpGet(started.hostPort, '/hello', 60)
    if (response.status != 200) {
        println support.exec(['docker', 'logs', container]).out
    }
    assert response.status == 200: "GET /hello answered ${response.status}"
    assert response.body == 'hello from a slim spring boot image'
    assert support.sh(['docker', 'exec', container, 'id', '-u']).trim() == '65532'
    def pid1 = support.sh(['docker', 'exec', container, 'cat', '/proc/1/status', '/proc/1/cmdline'])
    assert pid1.readLines().find { it.startsWith('Uid:') }.split(/\s+/)[1] == '65532': 'the JVM (pid 1) runs as 65532'
    assert pid1.contains('java')

    // The report: Spring Boot's layers, small application layer, numbers from the daemon.
    def report = support.report()
    def inspected = support.inspect(image)
    assert report.image == image
    assert report.imageBytes == inspected.Size
    assert report.runtime == 'jre'
    def layers = report.layers.collectEntries { [(it.name): it.bytes as long] }
    assert layers.keySet().containsAll(['dependencies', 'loader', 'resources', 'classes']): layers
    assert layers.classes > 0 && layers.loader > 0
    assert layers.classes * 20 < layers.resources + layers.dependencies: "classes layer ${layers.classes} is not much smaller: ${layers}"
    assert layers.dependencies > 10_000_000: 'spring-webmvc, tomcat and friends'
    assert report.layers.sum { it.bytes } == report.imageBytes: 'layers add up to the image'
    def names = report.layers*.name
    assert names.indexOf('dependencies') < names.indexOf('loader') && names.indexOf('loader') < names.indexOf('resources') \
        && names.indexOf('resources') < names.indexOf('classes'): "least-changing layers first: ${names}"
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    if (container != null) {
        support.removeContainer(container)
    }
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
