// The build failed at its (slow) jlink step. While it ran, another client (setup-extra.groovy's thread) moved the
// victim's tag, so the victim's image became dangling during the build: the plugin's clean-up after the failure must
// remove what its own build left and nothing else, so the victim's image is still there.
import groovy.json.JsonSlurper

def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/failed-build-spares-others'
def builder = 'slim-it/failed-build-spares-others-builder:1'
def victim = 'slim-it/failed-build-spares-others-victim:1'
def other = 'slim-it/failed-build-spares-others-victim:other'
def ids = new JsonSlurper().parse(new File(basedir, 'victim.json')) as Map
try {
    // The build failed where it should: at the jlink step, whose jlink is the slow failing one.
    def failure = support.goalFailure()
    assert failure.contains('The image build failed') && failure.contains(': RUN set -e;'): failure
    assert failure.contains('(exit code 3)'): failure
    assert support.buildLog().contains('slow failing jlink: sleeping 6 s, then exit 3'): 'the stand-in jlink ran'
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'

    // The other client really made the victim dangling while the build container ran.
    def retag = new File(basedir, 'retag.json')
    assert retag.isFile(): 'the retagging thread finished'
    def done = new JsonSlurper().parse(retag) as Map
    assert done.retagged && !done.error: "the victim was not retagged during the build: ${done}"
    assert done.victimDangling: "the victim's image was dangling after the retag: ${done}"
    assert done.buildContainerStillRunning: "the retag came while the jlink step ran: ${done}"
    assert support.inspect(victim).Id == ids.otherId: 'victim:1 now names the other image'

    // What this IT is about: the image another client made dangling survived the plugin's clean-up.
    assert support.imageExists(ids.victimId): "the failed build removed ${ids.victimId}, which another client had made dangling"

    // And the plugin still cleaned up after its own build: the failed step's container is gone.
    def trace = support.assertNoLeftovers([image])
    assert trace.builds == 1 && trace.containers.size() == 1: "one build, whose RUN step ran in a build container: ${trace}"
    return true
} finally {
    support.removeContainersOf(builder)
    support.removeImages([victim, other, ids.victimId, ids.otherId, builder])
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
