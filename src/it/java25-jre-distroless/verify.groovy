// Java 25 on the two runtimes that take a prebuilt Java image: eclipse-temurin:25-jre and distroless java25, picked
// from the release alone, each running the application (slim:verify too) as uid 65532 on Temurin 25.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def jre = 'slim-it/java25-jre-distroless:jre'
def distroless = 'slim-it/java25-jre-distroless:distroless'
try {
    def log = support.buildLog()
    assert log.contains('Compiling 1 source file with javac [debug release 25]')
    def builds = log.split(/(?m)^\[INFO\] Building slim-it\/java25-jre-distroless:/)
    assert builds.size() == 3: 'two image builds'
    assert support.builderStep(builds[1], 'FROM eclipse-temurin:25-jre')
    assert support.builderStep(builds[2], 'FROM gcr.io/distroless/java25-debian12')
    assert log.count('[INFO] Verifying slim-it/java25-jre-distroless:') == 2: 'slim:verify ran both images'

    for (image in [jre, distroless]) {
        def run = support.run(image)
        assert run.exit == 0: "${image}: ${run.out}"
        assert run.out.contains('java25 runtime 25 (2 parts) Eclipse Adoptium uid 65532'): "${image}: ${run.out}"
    }
    // distroless has no shell.
    assert support.run(distroless, ['-c', 'true'], ['--entrypoint', '/bin/sh']).exit != 0
    def report = support.report()
    assert report.runtime == 'distroless' && report.runtimeImage == 'gcr.io/distroless/java25-debian12'
    assert report.baselineImage == 'eclipse-temurin:25-jdk'
    assert support.assertNoLeftovers([jre, distroless]).builds == 2
    return true
} finally {
    support.removeImages([jre, distroless])
}
