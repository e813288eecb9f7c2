def it = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-several-mains'
try {
    def failure = it.goalFailure()
    assert failure.contains('Several main classes found'): failure
    assert failure.contains('com.example.mains.Migrate') && failure.contains('com.example.mains.Server'): 'lists both: ' + failure
    assert !failure.contains('com.example.mains.Helper'): 'an instance method called main is no entry point: ' + failure
    assert failure.contains('mainClass'): 'says how to choose: ' + failure
    assert !it.buildLog().contains('[docker] Step')
    assert !new File(basedir, 'target/slim/Dockerfile').exists(): 'no Dockerfile for an app that cannot start'
    assert it.imagesOf(image).isEmpty(): 'nothing was tagged'
    it.assertNoDockerLeftovers()
    return true
} finally {
    it.imagesOf(image).each { ref -> it.removeImages([ref]) }
}
