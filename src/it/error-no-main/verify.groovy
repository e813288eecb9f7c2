def it = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-no-main'
try {
    def failure = it.goalFailure()
    assert failure.contains('No main class found'): failure
    assert failure.contains('error-no-main-1.0.0.jar'): 'names the jar: ' + failure
    assert failure.contains('mainClass'): 'says how to set one: ' + failure
    assert !it.buildLog().contains('[docker] Step')
    assert !new File(basedir, 'target/slim/Dockerfile').exists()
    assert it.imagesOf(image).isEmpty(): 'nothing was tagged'
    it.assertNoDockerLeftovers()
    return true
} finally {
    it.imagesOf(image).each { ref -> it.removeImages([ref]) }
}
