// Through Podman's Docker-compatible API: build, tag, report, verify (HTTP), and the jlink stage kept as cache.
def itSupportClass = evaluate(new File(itSupport))
def support = itSupportClass.newInstance(basedir)
def podman = itSupportClass.newInstance(basedir).onDaemon([DOCKER_HOST: 'unix:///run/slim-podman/podman.sock'])
def images = ['slim-it/daemon-podman:jre', 'slim-it/daemon-podman:latest-jre', 'slim-it/daemon-podman:jlink',
              'slim-it/daemon-podman:latest-jlink', 'slim-it/daemon-podman:jlink-again']
def trace = null
try {
    def log = support.buildLog()
    def builds = log.split(/\[INFO\] Building daemon-podman 1\.0\.0/).drop(1)
    assert builds.size() == 3: "three Maven builds in build.log, found ${builds.size()}"
    builds.eachWithIndex { build, i ->
        def chosen = build.readLines().findAll { it.startsWith('[INFO] Docker daemon: ') }
        assert chosen.size() == 2: "build ${i + 1}: build and verify each name the daemon: ${chosen}"
        chosen.each {
            assert it ==~ /\[INFO\] Docker daemon: Podman \S+ \(API [0-9.]+, local\) at unix:\/\/\/run\/slim-podman\/podman\.sock, chosen by DOCKER_HOST/: it
        }
        assert build =~ /\[INFO\] Verifying slim-it\/daemon-podman:\S+ in container [0-9a-f]{12}: GET http:\/\/127\.0\.0\.1:\d+\/hello/
        assert build.contains('[INFO] Verified slim-it/daemon-podman:'): "build ${i + 1} verified"
        assert build.contains('[INFO] [docker] [2/2] STEP ') || i == 0: 'Podman\'s builder output, streamed'
        assert build.contains('built by Podman ')
    }

    // Build 1, jre: the image and its extra tag, under the names the build gave them (Podman says docker.io/...).
    def jre = podman.inspect('slim-it/daemon-podman:jre')
    assert podman.inspect('slim-it/daemon-podman:latest-jre').Id == jre.Id
    assert !support.imageExists('slim-it/daemon-podman:jre'): 'built on Podman, not on the main daemon'

    // Build 2, jlink: the linked runtime's stage is tagged so that it stays, on Podman too.
    def jlinkStep = support.builderStep(builds[1], 'RUN set -e;')
    // (Build 2's RUN may come from Podman's cache: its storage outlives a test run stopped before its clean-up.)
    assert jlinkStep.instruction.contains('jlink --add-modules'): 'build 2 links: ' + jlinkStep
    def tagged = (builds[1] =~ /Tagged the linked runtime's stage as (slim-cache\/jlink:[0-9a-f]{16})/)
    assert tagged.find(): 'the jlink stage was tagged as cache (Podman\'s build output was understood)'
    def cacheTag = tagged.group(1)
    def stageId = podman.inspect(cacheTag).Id
    assert stageId != null

    // Build 3, the same stage under another image name: linked runtime and its layer from Podman's cache.
    assert support.builderStep(builds[2], 'RUN set -e;').cached: 'jlink RUN from cache'
    assert support.builderStep(builds[2], 'COPY --from=jlink /opt/slim-java /opt/java').cached: 'runtime layer from cache'
    assert !builds[2].contains('Tagged the linked runtime'): 'the cache tag already names this stage'
    assert podman.inspect(cacheTag).Id == stageId
    assert podman.inspect('slim-it/daemon-podman:jlink-again').Id == podman.inspect('slim-it/daemon-podman:jlink').Id:
            'same inputs, same image'

    // The report names the engine; its layer sizes add up with Podman's history.
    def report = support.report()
    assert report.image == 'slim-it/daemon-podman:jlink-again'
    assert report.engine.name == 'Podman' && report.engine.remote == false && report.engine.host == 'unix:///run/slim-podman/podman.sock'
    assert report.imageId == podman.inspect('slim-it/daemon-podman:jlink-again').Id
    assert report.layers*.name.containsAll(['java-runtime', 'classes'])
    assert report.layers.sum { it.bytes } == report.imageBytes: 'layers add up to the image'
    assert report.modules*.name.contains('jdk.httpserver')
    def imageJson = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim/image.json'))
    assert imageJson.tags == ['slim-it/daemon-podman:jlink-again', 'slim-it/daemon-podman:latest-jlink']

    trace = podman.assertNoLeftovers(images)
    assert trace.builds == 3
    return true
} finally {
    // Only this IT builds jlink images on Podman: its cache tag goes with it, and every image its builds made.
    trace = trace ?: itSupportClass.parseBuildOutput(support.buildLog())
    podman.jlinkCacheTags().each { tag, id -> if (trace.createdImages.any { id.startsWith('sha256:' + it) }) podman.exec(['docker', 'rmi', tag]) }
    podman.removeImages(images)
    trace.createdImages.toList().reverse().each { podman.exec(['docker', 'rmi', it]) }
}
