def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-no-main'
try {
    def failure = support.goalFailure()
    assert failure.contains('No main class found'): failure
    assert failure.contains('error-no-main-1.0.0.jar'): 'names the jar: ' + failure
    assert failure.contains('mainClass'): 'says how to set one: ' + failure
    assert !new File(basedir, 'target/slim/Dockerfile').exists()
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert support.assertNoLeftovers([image]).builds == 0: 'no image build was started'
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
