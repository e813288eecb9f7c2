def support = evaluate(new File(itSupport)).newInstance(basedir)
def image = 'slim-it/error-several-mains'
try {
    def failure = support.goalFailure()
    assert failure.contains('Several main classes found'): failure
    assert failure.contains('com.example.mains.Migrate') && failure.contains('com.example.mains.Server'): 'lists both: ' + failure
    assert !failure.contains('com.example.mains.Helper'): 'an instance method called main is no entry point: ' + failure
    assert failure.contains('mainClass'): 'says how to choose: ' + failure
    assert !new File(basedir, 'target/slim/Dockerfile').exists(): 'no Dockerfile for an app that cannot start'
    assert support.imagesOf(image).isEmpty(): 'nothing was tagged'
    assert support.assertNoLeftovers([image]).builds == 0: 'no image build was started'
    return true
} finally {
    support.imagesOf(image).each { ref -> support.removeImages([ref]) }
}
