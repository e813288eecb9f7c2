// The linked runtime's libjvm.so needs libstdc++, which gcr.io/distroless/base-debian12 lacks: the image builds,
// the JVM cannot start, and slim:verify names the missing library and the base image that has it.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/jlink-needs-libstdcxx:1'
try {
    def log = support.buildLog()
    assert log.contains("Successfully tagged ${image}")
    def dockerfile = new File(basedir, 'target/slim/Dockerfile').text
    assert dockerfile.readLines().contains('FROM gcr.io/distroless/base-debian12'): 'the configured runtimeImage is used as is'

    // The image really cannot start its JVM, for the reason the hint gives.
    def run = support.run(image)
    assert run.exit != 0: run.out
    assert run.out.contains('libstdc++.so.6: cannot open shared object file'): run.out
    assert !run.out.contains('the JVM started')

    def failure = support.goalFailure()
    assert failure.contains(':verify ') && failure.contains("Image ${image} failed verification"): failure
    assert log.contains('The runtime image lacks libstdc++.so.6, which this JDK\'s libjvm.so needs: '
            + 'use <runtimeImage>gcr.io/distroless/cc-debian12</runtimeImage>'): 'names the library and the image to use'
    def output = log.substring(log.indexOf('Container output:'))
    assert output.contains('libstdc++.so.6'): output
    assert !log.contains('The linked runtime lacks module'): 'not mistaken for a missing module'

    assert support.sh(['docker', 'ps', '-aq', '--filter', "ancestor=${image}".toString()]).trim().isEmpty(): 'no container of the image'
    assert support.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    support.recordJlinkCacheTags()
    if (support.imageExists(image)) {
        support.removeContainersOf(image)
    }
    support.removeImages([image])
}
