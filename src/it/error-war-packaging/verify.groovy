def it = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-war-packaging'
try {
    assert new File(basedir, 'target/error-war-packaging-1.0.0.war').isFile(): 'the war itself was packaged'
    def failure = it.goalFailure()
    assert failure.contains("Packaging 'war' is not supported"): failure
    assert failure.contains('slim.skip'): 'says how to leave the module out: ' + failure
    assert !it.buildLog().contains('[docker] Step')
    assert !new File(basedir, 'target/slim/Dockerfile').exists()
    assert it.imagesOf(image).isEmpty(): 'nothing was tagged'
    it.assertNoDockerLeftovers()
    return true
} finally {
    it.imagesOf(image).each { ref -> it.removeImages([ref]) }
}
