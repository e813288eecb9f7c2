def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-failed-build'
try {
    def failure = support.goalFailure()
    assert failure.contains('The image build failed'): failure
    assert failure.contains('at Step 2/') && failure.contains(': RUN set -e;'): 'names the failing step: ' + failure
    assert failure.contains('(exit code 1)'): failure
    // The failing step's own output, which says what to do, right under the message.
    def log = support.buildLog()
    assert log =~ /The step printed:\s*\n\[ERROR\]\s+builderImage eclipse-temurin:17-jre has no jlink: set <builderImage> to a JDK image/
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert !new File(basedir, 'target/slim/report.json').exists()
    def trace = support.assertNoLeftovers([image])
    assert trace.builds == 1 && trace.containers.size() == 1: "one build, whose RUN step ran in a build container: ${trace}"
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
