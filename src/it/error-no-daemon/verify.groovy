def it = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-no-daemon'
try {
    def failure = it.goalFailure()
    assert failure.contains('No Docker daemon answered at unix:///tmp/slim-no-such-docker.sock'): failure
    assert failure.contains('DOCKER_HOST'): 'says how to point the plugin at a daemon: ' + failure
    assert failure.contains('-Dslim.dockerHost'): failure
    assert !it.buildLog().contains('[docker] Step'): 'nothing was built'
    assert it.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert !new File(basedir, 'target/slim/report.json').exists(): 'no report without an image'
    it.assertNoDockerLeftovers()
    return true
} finally {
    it.imagesOf(image).each { ref -> it.removeImages([ref]) }
}
