// Certificate trust, on the real daemon: 198.51.100.10 is not loopback, so the daemon checks the registry's certificate
// there (it skips the check on 127.0.0.0/8). Both registries of scripts/ensure-registry.sh on that address serve the same
// certificate from the same CA; only /etc/docker/certs.d/198.51.100.10:5444/ca.crt exists.
def support = evaluate(new File(itSupport)).newInstance(basedir)
def t0 = System.currentTimeMillis()
def UNTRUSTED = '198.51.100.10:5443'
def TRUSTED = '198.51.100.10:5444'
def repository = 'slim-it/push-tls-trust'
def image = "${UNTRUSTED}/${repository}:1".toString()
def trustedImage = "${TRUSTED}/${repository}:1".toString()
try {
    // 1. The invoker's run built the image and failed at the push with the one sentence that says how to trust the CA.
    def failure = support.goalFailure()
    assert !failure.contains('could not reach'): "no registry answers on ${UNTRUSTED}: run scripts/ensure-registry.sh as root: ${failure}"
    assert failure.contains("The Docker daemon does not trust the TLS certificate of the registry ${UNTRUSTED} " +
            "(Get \"https://${UNTRUSTED}/v2/\": x509: certificate signed by unknown authority): put the registry's CA " +
            "certificate in /etc/docker/certs.d/${UNTRUSTED}/ca.crt on the daemon's machine (no restart needed)"): failure
    assert support.buildLog().contains("Pushing ${image} to ${UNTRUSTED} without credentials")
    assert !support.buildLog().contains("Pushed ${image}")
    def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim/image.json'))
    assert json.image == image && json.pushed == []: 'nothing half-done is reported as done'
    assert support.imageExists(image): 'the build itself succeeded'
    assert support.registryDigest(UNTRUSTED, repository, '1', true) == null: 'the registry got no manifest'
    support.assertNoLeftovers([])

    // 2. The same push where the daemon has the CA in certs.d works, and reports the registry's own digest.
    def r = support.mvn('trusted', ['package', 'slim:push', "-Dslim.image=${trustedImage}",
            "-Dslim.outputDirectory=${new File(basedir, 'target/slim-trusted').path}"], localRepositoryPath)
    assert r.exit == 0: r.out
    def pushed = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/slim-trusted/image.json')).pushed
    assert pushed*.reference == [trustedImage]
    assert pushed[0].digest == support.registryDigest(TRUSTED, repository, '1', true): 'digest as the registry reports it'
    assert r.out.contains("Pushed ${trustedImage}@${pushed[0].digest}")

    println "push-tls-trust: verify took ${(System.currentTimeMillis() - t0) / 1000} s"
    return true
} finally {
    support.removeImages([image, trustedImage])
}
