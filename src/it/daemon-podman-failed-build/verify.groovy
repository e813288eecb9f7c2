def itSupportClass = evaluate(new File(itSupport))
def support = itSupportClass.newInstance(basedir)
def podman = itSupportClass.newInstance(basedir).onDaemon([DOCKER_HOST: 'unix:///run/slim-podman/podman.sock'])
def image = 'slim-it/daemon-podman-failed-build'
def trace = null
try {
    def log = support.buildLog()
    assert log =~ /\[INFO\] Docker daemon: Podman \S+ \(API [0-9.]+, local\) at unix:\/\/\/run\/slim-podman\/podman\.sock, chosen by DOCKER_HOST/
    def failure = support.goalFailure()
    assert failure.contains('The image build failed at [1/2] STEP 2/'): 'names the failing step as Podman numbers it: ' + failure
    assert failure.contains(': RUN set -e;') && failure.contains('(exit code 1)'): failure
    assert log =~ /The step printed:\s*\n\[ERROR\]\s+builderImage eclipse-temurin:17-jre has no jlink: set <builderImage> to a JDK image/
    assert podman.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert !new File(basedir, 'target/slim/report.json').exists()
    trace = podman.assertNoLeftovers([image])
    assert trace.builds == 1
    return true
} finally {
    podman.imagesOf(image).each { ref -> podman.removeImages([ref]) }
    (trace ?: itSupportClass.parseBuildOutput(support.buildLog())).createdImages.each { podman.exec(['docker', 'rmi', it]) }
}
