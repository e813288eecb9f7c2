// Spring Boot 4: the same fat-jar layout, started by Boot's launcher, on the distroless Java runtime;
// slim:verify has already checked the HTTP answer during the build.
import java.util.jar.JarFile

def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/spring-boot-4-distroless:1.0.0'
String container = null
try {
    def fatJar = new File(basedir, 'target/spring-boot-4-distroless-1.0.0.jar')
    def bootVersion = new JarFile(fatJar).withCloseable { it.manifest.mainAttributes.getValue('Spring-Boot-Version') }
    assert bootVersion.startsWith('4.'): bootVersion

    def log = support.buildLog()
    assert log.contains('Spring Boot executable jar')
    assert log.contains('Verified ' + image)
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.contains('FROM gcr.io/distroless/java17-debian12')
    assert dockerfile.contains('org.springframework.boot.loader.launch.JarLauncher')

    // Our own check too, not only the plugin's.
    def started = support.start(image, 8080)
    container = started.id
    def response = support.httpGet(started.hostPort, '/hello', 60)
    assert response.status == 200: "GET /hello answered ${response.status}: " + support.exec(['docker', 'logs', container]).out
    assert response.body == 'hello from a slim spring boot image'
    assert support.inspect(image).Config.User == '65532'

    def report = support.report()
    assert report.runtime == 'distroless'
    assert report.imageBytes == support.inspect(image).Size
    assert report.imageBytes < report.baselineBytes
    def names = report.layers*.name
    assert names.containsAll(['dependencies', 'loader', 'resources', 'classes']): names
    // Spring Boot 4's starter parent declares a licence and url of its own; they must not label this image.
    def labels = support.inspect(image).Config.Labels
    assert !labels.containsKey('org.opencontainers.image.licenses'): labels
    assert !labels.containsKey('org.opencontainers.image.url'): labels
    assert labels['org.opencontainers.image.description'] == 'A Spring Boot 4 web app on the distroless Java runtime'
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    if (container) {
        support.removeContainer(container)
    }
    support.removeContainersOf(image)
    support.removeImages([image])
}
