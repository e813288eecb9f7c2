def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-war-packaging'
try {
    assert new File(basedir, 'target/error-war-packaging-1.0.0.war').isFile(): 'the war itself was packaged'
    def failure = support.goalFailure()
    assert failure.contains("Packaging 'war' is not supported"): failure
    assert failure.contains('slim.skip'): 'says how to leave the module out: ' + failure
    assert !new File(basedir, 'target/slim/Dockerfile').exists()
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert support.assertNoLeftovers([image]).builds == 0: 'no image build was started'
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
