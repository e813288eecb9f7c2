def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-no-daemon'
try {
    def failure = support.goalFailure()
    assert failure.contains('No Docker daemon answered at unix:///tmp/slim-no-such-docker.sock'): failure
    assert failure.contains('DOCKER_HOST'): 'says how to point the plugin at a daemon: ' + failure
    assert failure.contains('-Dslim.dockerHost'): failure
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert !new File(basedir, 'target/slim/report.json').exists(): 'no report without an image'
    assert support.assertNoLeftovers([image]).builds == 0: 'no image build was started'
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
