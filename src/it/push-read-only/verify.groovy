// A registry that refuses the push itself (not the docker client's reference parser): 127.0.0.1:5002 of
// scripts/ensure-registry.sh runs in read-only maintenance mode and answers every upload with HTTP 405. (Measured:
// docker-registry 2.8 with htpasswd auth accepts every repository name the client accepts, so a refused name cannot
// be provoked here; a read-only registry is what it really refuses.)
def support = evaluate(new File(itSupport)).newInstance(basedir)
def REG = '127.0.0.1:5002'
def repository = 'slim-it/push-read-only'
def image = "${REG}/${repository}:1".toString()
try {
    def failure = support.goalFailure()
    assert failure.contains("The registry ${REG} refused pushing ${image} (error parsing HTTP 405 response body"): failure
    assert failure.contains('the registry does not accept pushes at all (it is read-only, e.g. in maintenance mode, or a ' +
            "pull-through cache); push to a registry that accepts pushes, in <image> or <tags>, or ask the owner of ${REG} " +
            'to make it writable.'): failure
    assert !failure.contains('choose a repository'): 'another repository would not help: ' + failure
    assert support.buildLog().readLines().count { it.startsWith('[ERROR]') && it.contains('refused pushing') } == 1: 'one sentence'
    def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim/image.json'))
    assert json.image == image && json.pushed == []: 'nothing half-done is reported as done'
    assert support.imageExists(image): 'the build itself succeeded'
    assert support.registryDigest(REG, repository, '1') == null: 'the registry has no such manifest'
    support.assertNoLeftovers([])
    return true
} finally {
    support.removeImages([image])
}
