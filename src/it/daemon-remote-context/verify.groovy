// The current Docker context, with the TLS material the Docker CLI stored for it.
def itSupportClass = evaluate(new File(itSupport))
def support = itSupportClass.newInstance(basedir)
// The docker CLI with the same DOCKER_CONFIG talks to the same daemon: the plugin and the CLI agree.
def remote = itSupportClass.newInstance(basedir).onDaemon([DOCKER_CONFIG: '/var/lib/slim-remote-docker/docker-config'])
def image = 'slim-it/daemon-remote-context:1'
try {
    def log = support.buildLog()
    def chosen = log.readLines().findAll { it.startsWith('[INFO] Docker daemon: ') }
    assert chosen.size() == 2: "build and verify each name the daemon: ${chosen}"
    chosen.each {
        assert it ==~ /\[INFO\] Docker daemon: Docker \S+ \(API [0-9.]+, remote\) at tcp:\/\/127\.0\.0\.1:23760, chosen by the Docker context 'slim-remote' \(currentContext in \/var\/lib\/slim-remote-docker\/docker-config\/config\.json\), TLS with the certificates in \/var\/lib\/slim-remote-docker\/docker-config\/contexts\/tls\/[0-9a-f]{64}\/docker/: it
    }
    // A daemon on loopback: the port stays on 127.0.0.1.
    assert log =~ /\[INFO\] Verifying slim-it\/daemon-remote-context:1 in container [0-9a-f]{12}: GET http:\/\/127\.0\.0\.1:\d+\/hello/
    assert log.contains('[INFO] Verified slim-it/daemon-remote-context:1.')
    def report = support.report()
    assert report.engine.name == 'Docker' && report.engine.remote == true && report.engine.host == 'tcp://127.0.0.1:23760'
    assert remote.inspect(image).Id == report.imageId: 'the image is on the context\'s daemon'
    assert !support.imageExists(image): 'and not on the main one'
    assert remote.assertNoLeftovers([image]).builds == 1
    return true
} finally {
    remote.removeImages([image])
}
