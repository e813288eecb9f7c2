def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-missing-base-image'
try {
    def failure = support.goalFailure()
    assert failure.contains("'slim-it/error-missing-base-image-no-such-base:1'"): 'names the image: ' + failure
    assert failure.contains('runtimeImage'): 'names the parameter that chose it: ' + failure
    assert failure.contains('could not be pulled'): failure
    assert failure.contains('docker pull') && failure.contains('docker load'): 'says how to provide it: ' + failure
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert !support.imageExists('slim-it/error-missing-base-image-no-such-base:1')
    assert !new File(basedir, 'target/slim/report.json').exists()
    assert support.assertNoLeftovers([image]).builds == 0: 'no image build was started'
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
