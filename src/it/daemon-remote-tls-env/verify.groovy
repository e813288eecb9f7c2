// DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: build and verify on a remote daemon over TLS.
def itSupportClass = evaluate(new File(itSupport))
def support = itSupportClass.newInstance(basedir)
def remote = itSupportClass.newInstance(basedir).onDaemon([DOCKER_HOST: 'tcp://172.31.250.1:23760', DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: '/var/lib/slim-remote-docker/client'])
def image = 'slim-it/daemon-remote-tls-env:1'
try {
    def log = support.buildLog()
    def chosen = log.readLines().findAll { it.startsWith('[INFO] Docker daemon: ') }
    assert chosen.size() == 2: "build and verify each name the daemon: ${chosen}"
    chosen.each {
        assert it ==~ /\[INFO\] Docker daemon: Docker \S+ \(API [0-9.]+, remote\) at tcp:\/\/172\.31\.250\.1:23760, chosen by DOCKER_HOST with DOCKER_TLS_VERIFY, TLS with the certificates in \/var\/lib\/slim-remote-docker\/client/: it
    }
    // The port was published on the daemon's address and probed there, not on loopback.
    assert log =~ /\[INFO\] Verifying slim-it\/daemon-remote-tls-env:1 in container [0-9a-f]{12}: GET http:\/\/172\.31\.250\.1:\d+\/hello/
    assert log.contains('[INFO] Verified slim-it/daemon-remote-tls-env:1.')

    def report = support.report()
    assert report.engine == [name: 'Docker', version: report.engine.version, apiVersion: '1.41', host: 'tcp://172.31.250.1:23760', remote: true]
    assert log.contains('built by Docker ' + report.engine.version + ' (API 1.41, remote) at tcp://172.31.250.1:23760')
    assert remote.inspect(image).Id == report.imageId: 'the image is on the remote daemon'
    assert !support.imageExists(image): 'and not on the main one'
    assert remote.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    remote.removeImages([image])
}
