def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/plain-app:1.0.0'
def naive = 'slim-it/plain-app-naive:1.0.0'
try {
    def log = support.buildLog()
    assert support.builderOutput(log).contains('Step 1/'): 'the build log is streamed into the Maven log'
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    support.assertClassicDockerfile(dockerfile)
    assert dockerfile.contains('FROM eclipse-temurin:17-jre')
    assert dockerfile.contains('USER 65532')

    // Runs with arguments passed to main, prints what main prints, as non-root.
    def run = support.run(image, ['hello', 'slim world'])
    assert run.exit == 0: run.out
    assert run.out.contains('args: hello|slim world'): run.out
    assert run.out.contains('json: {"count":2}'): run.out
    assert run.out.contains('uid: 65532'): run.out

    // OCI labels from the POM, created from project.build.outputTimestamp.
    def config = support.inspect(image).Config
    assert config.User == '65532'
    assert config.Labels['org.opencontainers.image.title'] == 'Plain app'
    assert config.Labels['org.opencontainers.image.version'] == '1.0.0'
    assert config.Labels['org.opencontainers.image.licenses'] == 'Apache-2.0'
    assert config.Labels['org.opencontainers.image.created'] == '2024-01-01T00:00:00Z'
    assert config.Entrypoint[0] == 'java' && config.Entrypoint.contains('-XX:MaxRAMPercentage=75')

    // The report tells the truth: the daemon's size, and a baseline that matches the naive image really built.
    def report = support.report()
    def inspected = support.inspect(image)
    assert report.image == image
    assert report.imageId == inspected.Id
    assert report.imageBytes == inspected.Size
    assert report.runtime == 'jre'
    assert report.baselineImage == 'eclipse-temurin:17-jdk'
    assert report.savedBytes == report.baselineBytes - report.imageBytes
    assert report.layers*.name.containsAll(['dependencies', 'resources', 'classes'])
    assert report.layers.sum { it.bytes } == report.imageBytes: 'layers add up to the image'

    def naiveDir = new File(basedir, 'target/naive')
    new File(basedir, 'target/plain-app-1.0.0.jar').withInputStream { i -> new File(naiveDir, 'app.jar').withOutputStream { o -> o << i } }
    new File(naiveDir, 'Dockerfile').text = '''FROM eclipse-temurin:17-jdk
COPY app.jar /app/app.jar
COPY lib/ /app/lib/
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "com.example.plain.Main"]
'''
    support.sh(['docker', 'build', '-q', '-t', naive, naiveDir.path])
    long naiveBytes = support.inspect(naive).Size as long
    double deviation = Math.abs(report.baselineBytes - naiveBytes) / (double) naiveBytes
    println "baseline ${report.baselineBytes} vs naive image ${naiveBytes}: ${String.format('%.3f', deviation * 100)}%"
    assert deviation < 0.02: "baseline ${report.baselineBytes} differs from the naive image's ${naiveBytes} by more than 2%"
    assert report.imageBytes < naiveBytes

    // The savings table is in the Maven log.
    assert log.contains('baseline') && log.contains('saved') && log.contains('layers:')
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.removeImages([image, naive])
}
