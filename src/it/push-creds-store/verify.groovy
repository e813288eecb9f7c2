// The invoker's run built and pushed (push=true) with credentials from the credsStore helper, found through the
// DOCKER_CONFIG and PATH of invoker.properties; the registry has the digest image.json records; the secret is nowhere.
import groovy.json.JsonSlurper

def support = evaluate(new File(itSupport)).newInstance(basedir)
def t0 = System.currentTimeMillis()
def REG = '127.0.0.1:5001'
def repository = 'slim-it/push-creds-store'
def image = "${REG}/${repository}:1".toString()
def registryDir = support.registryDir()
def user = new File(registryDir, 'username').text.trim()
def secret = new File(registryDir, 'password').text.trim()
try {
    def log = support.buildLog()
    def configFile = new File(basedir, 'docker-config/config.json').path
    assert log.contains("Pushing ${image} to ${REG} with the credentials from credential store docker-credential-slimit " +
            "(credsStore in ${configFile})"): log
    // The helper was asked for this registry, with Docker's protocol (the server on standard input).
    assert new File(basedir, 'helper-calls.log').readLines().contains("get ${REG}".toString())
    def pushed = new JsonSlurper().parse(new File(basedir, 'target/slim/image.json')).pushed
    assert pushed*.reference == [image]
    assert pushed[0].digest == support.registryDigest(REG, repository, '1', false, "${user}:${secret}"): 'digest as the registry reports it'
    assert log.contains("Pushed ${image}@${pushed[0].digest}")

    def t1 = System.currentTimeMillis()
    // The secret is nowhere: not in the log, the helper's record, anything under target/, the image's layers or config.
    assert support.fileContains(new File(registryDir, 'password'), secret): 'control: the search finds the secret where it is'
    def hits = []
    ['build.log', 'helper-calls.log', 'docker-config/config.json', 'bin/docker-credential-slimit'].each {
        if (support.fileContains(new File(basedir, it), secret)) hits << it
    }
    new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { f ->
        if (support.fileContains(f, secret)) hits << f.path
    }
    def saved = new File(basedir, 'image.tar')
    support.sh(['docker', 'save', '-o', saved.path, image])
    if (support.fileContains(saved, secret)) hits << 'docker save of the image'
    saved.delete()
    if (support.sh(['docker', 'image', 'inspect', image]).contains(secret)) hits << 'docker inspect'
    if (support.sh(['docker', 'history', '--no-trunc', image]).contains(secret)) hits << 'docker history'
    assert hits.isEmpty(): "the registry password appears in ${hits}"
    support.assertNoLeftovers([])
    println "push-creds-store: verify took ${(System.currentTimeMillis() - t0) / 1000} s, of which the secret search " +
            "${(System.currentTimeMillis() - t1) / 1000} s"
    return true
} finally {
    support.removeImages([image])
}
